namespace CallSync.Contracts;

/// <summary>Topic names of the MQTT API (docs/mqtt-api.md).</summary>
public static class MqttTopics
{
    /// <summary>Every topic starts with this versioned prefix.</summary>
    public const string Prefix = "callsync/v1/";

    /// <summary>Call records, phone -> hub, QoS 1.</summary>
    public static string Calls(string deviceId) => Device(deviceId, "calls");

    /// <summary>Retained online/offline state (offline is also the Last Will).</summary>
    public static string State(string deviceId) => Device(deviceId, "state");

    /// <summary>Signed commands, hub -> phone, QoS 1.</summary>
    public static string Commands(string deviceId) => Device(deviceId, "commands");

    /// <summary>Command replies, phone -> hub, QoS 1.</summary>
    public static string Replies(string deviceId) => Device(deviceId, "replies");

    /// <summary>Hub -> app pushes.</summary>
    public static string UserInbox(string userId)
    {
        ValidateSegment(userId, nameof(userId));
        return Prefix + "users/" + userId + "/inbox";
    }

    /// <summary>Subscription filter for one leaf of every device, e.g. <c>callsync/v1/devices/+/calls</c>.</summary>
    public static string AllDevices(string leaf)
    {
        ValidateSegment(leaf, nameof(leaf));
        return Prefix + "devices/+/" + leaf;
    }

    /// <summary>Splits <c>callsync/v1/devices/{deviceId}/{leaf}</c>; false for any other topic.</summary>
    public static bool TryParseDeviceTopic(string topic, out string deviceId, out string leaf)
    {
        deviceId = string.Empty;
        leaf = string.Empty;
        const string devices = Prefix + "devices/";
        if (topic is null || !topic.StartsWith(devices, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = topic.AsSpan(devices.Length);
        int slash = rest.IndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1 || rest[(slash + 1)..].Contains('/'))
        {
            return false;
        }

        deviceId = rest[..slash].ToString();
        leaf = rest[(slash + 1)..].ToString();
        return true;
    }

    /// <summary>True when <paramref name="id"/> can be one topic level: 1-128 characters, none of '/', '+', '#' or control characters.</summary>
    public static bool IsValidSegment(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 128)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (c is '/' or '+' or '#' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Device(string deviceId, string leaf)
    {
        ValidateSegment(deviceId, nameof(deviceId));
        return Prefix + "devices/" + deviceId + "/" + leaf;
    }

    private static void ValidateSegment(string value, string name)
    {
        if (!IsValidSegment(value))
        {
            throw new ArgumentException("Not a valid MQTT topic level.", name);
        }
    }
}

namespace CallSync.Contracts;

/// <summary>
/// Device ids are MQTT topic levels and MQTT user names (the client id a broker binds to them), so one alphabet
/// serves the agent's <c>Device:Id</c> and every place the hub accepts one: never '@', which marks app users' user
/// names, nor ':' (mosquitto's separator).
/// </summary>
public static class DeviceIdRules
{
    /// <summary>The rule in words, for error messages.</summary>
    public const string Description = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    /// <summary>True when <paramref name="deviceId"/> follows the rule of <see cref="Description"/>.</summary>
    public static bool IsValid(string? deviceId)
    {
        if (string.IsNullOrEmpty(deviceId) || deviceId.Length > 64 || !char.IsAsciiLetterOrDigit(deviceId[0]))
        {
            return false;
        }

        foreach (var c in deviceId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}

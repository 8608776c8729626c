namespace CallSync.Hub.Configuration;

/// <summary>
/// Device ids are MQTT topic levels and MQTT user names (the client id a broker binds to them), so they use the
/// agent's alphabet (<c>Device:Id</c>): never '@', which marks app users' user names, nor ':' (mosquitto's separator).
/// </summary>
internal static class DeviceIdRules
{
    public const string Description = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

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

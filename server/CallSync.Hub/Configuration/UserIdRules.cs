namespace CallSync.Hub.Configuration;

/// <summary>
/// User ids appear in MQTT topics (<c>users/{userId}/inbox</c>) and in tokens, so they are restricted to a
/// topic-safe alphabet.
/// </summary>
internal static class UserIdRules
{
    public const string Description = "1-64 characters of letters, digits, '.', '_', '-' or '@'";

    public static bool IsValid(string? userId)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > 64)
        {
            return false;
        }

        foreach (var c in userId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
            {
                return false;
            }
        }

        return true;
    }
}

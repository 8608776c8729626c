namespace CallSync.Hub.Api;

/// <summary>A user's profile (never the password hash).</summary>
internal sealed record UserDto(string UserId, string Role, IReadOnlyList<string> NumberPatterns, string PushPolicy, string PushTime, string TimeZone);

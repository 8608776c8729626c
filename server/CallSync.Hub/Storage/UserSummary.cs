using CallSync.Hub.Security;

namespace CallSync.Hub.Storage;

/// <summary>A user as the admin list shows it (never the password hash).</summary>
internal sealed record UserSummary(string UserId, UserRole Role, IReadOnlyList<string> NumberPatterns, string PushPolicy, string PushTime, string TimeZone, bool Disabled);

using CallSync.Hub.Security;

namespace CallSync.Hub.Storage;

/// <summary>
/// An app user as stored. <see cref="NumberPatterns"/> pre-authorise bindings (see <see cref="Bindings.NumberPattern"/>);
/// a <see cref="Disabled"/> user can neither sign in nor use a token issued before.
/// </summary>
internal sealed record UserRecord(
    string UserId,
    string PasswordHash,
    UserRole Role,
    IReadOnlyList<string> NumberPatterns,
    PushPolicy PushPolicy,
    TimeOnly PushTime,
    string TimeZone,
    bool Disabled = false);

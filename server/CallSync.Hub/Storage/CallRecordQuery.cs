namespace CallSync.Hub.Storage;

/// <summary>
/// A page request over the records a user may see (active bindings; admins see all). Times bound
/// <c>startedAt</c> as [From, To). <see cref="Number"/> matches the local or remote number exactly.
/// </summary>
internal sealed record CallRecordQuery(
    string UserId,
    bool IsAdmin,
    string? DeviceId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Direction,
    string? Result,
    string? Number,
    RecordCursor? After,
    int Limit);

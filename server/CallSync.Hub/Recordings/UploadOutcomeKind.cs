namespace CallSync.Hub.Recordings;

/// <summary>The kinds of <see cref="UploadOutcome"/>.</summary>
internal enum UploadOutcomeKind
{
    /// <summary>The chunk was kept; more is expected.</summary>
    Partial,

    /// <summary>The whole file arrived and matched the record's byte count and SHA-256 (or was already stored).</summary>
    Stored,

    /// <summary>The chunk does not start where the upload stands.</summary>
    OffsetMismatch,

    /// <summary>The request contradicts the record or itself (sizes, a body shorter or longer than announced).</summary>
    Invalid,

    /// <summary>Larger than <c>Recordings:MaxFileMegabytes</c> or than one chunk may be.</summary>
    TooLarge,

    /// <summary>Complete, but its SHA-256 differs from the record's: discarded.</summary>
    HashMismatch,

    /// <summary>Another upload of the same recording is running.</summary>
    Busy,
}

namespace CallSync.Companion;

/// <summary>A finished recording waiting for a companion, with the call summary shown in the app.</summary>
/// <param name="RecordId">The call record id.</param>
/// <param name="FilePath">Where the Ogg Opus file is (<c>&lt;DataDir&gt;/recordings/&lt;recordId&gt;.opus</c>).</param>
/// <param name="Size">File size in bytes.</param>
/// <param name="Sha256">SHA-256 of the file (32 bytes).</param>
/// <param name="RemoteNumber">The other party.</param>
/// <param name="Direction">"outgoing" or "incoming".</param>
/// <param name="StartedAt">Call start.</param>
/// <param name="Duration">Call length.</param>
public sealed record PendingRecording(
    string RecordId,
    string FilePath,
    long Size,
    byte[] Sha256,
    string RemoteNumber,
    string Direction,
    DateTimeOffset StartedAt,
    TimeSpan Duration);

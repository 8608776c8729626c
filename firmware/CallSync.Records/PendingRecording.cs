namespace CallSync.Records;

/// <summary>A recording waiting for the companion's confirmation.</summary>
/// <param name="RecordId">The call record id (= recording id).</param>
/// <param name="Path">The file on disk.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lowercase hex SHA-256 the companion must verify.</param>
/// <param name="EnqueuedAt">When the call was split.</param>
public sealed record PendingRecording(Guid RecordId, string Path, long Bytes, string Sha256, DateTimeOffset EnqueuedAt);

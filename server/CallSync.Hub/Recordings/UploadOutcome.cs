namespace CallSync.Hub.Recordings;

/// <summary>What one upload request did: <see cref="Offset"/> is where the next chunk starts (the size once stored).</summary>
internal sealed record UploadOutcome(UploadOutcomeKind Kind, long Offset, string Detail);

namespace CallSync.Companion.Client;

/// <summary>Progress of one incoming recording.</summary>
public sealed class RecordingProgressEventArgs(string recordId, long received, long size, bool completed, bool verified) : EventArgs
{
    /// <summary>The record.</summary>
    public string RecordId { get; } = recordId;

    /// <summary>Bytes held so far.</summary>
    public long Received { get; } = received;

    /// <summary>Total size.</summary>
    public long Size { get; } = size;

    /// <summary>True when the transfer ended (verified or not).</summary>
    public bool Completed { get; } = completed;

    /// <summary>True when it ended with a matching SHA-256.</summary>
    public bool Verified { get; } = verified;
}

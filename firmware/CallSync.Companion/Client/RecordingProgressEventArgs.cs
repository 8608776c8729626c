namespace CallSync.Companion.Client;

/// <summary>Progress of one incoming recording.</summary>
public sealed class RecordingProgressEventArgs(
    string recordId, long received, long size, bool completed, bool verified, int chunks = 0, long resumedFrom = 0) : EventArgs
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

    /// <summary>Chunks stored since the phone offered the recording on this link.</summary>
    public int Chunks { get; } = chunks;

    /// <summary>The bytes already held when this link's transfer began (non-zero after a drop: it resumed there).</summary>
    public long ResumedFrom { get; } = resumedFrom;
}

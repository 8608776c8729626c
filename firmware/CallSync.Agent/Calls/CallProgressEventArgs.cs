namespace CallSync.Agent.Calls;

/// <summary>A call moved on: ringing, answered, ended.</summary>
internal sealed class CallProgressEventArgs(Guid recordId, CallProgress progress, string detail) : EventArgs
{
    /// <summary>The call's record id.</summary>
    public Guid RecordId { get; } = recordId;

    /// <summary>What happened.</summary>
    public CallProgress Progress { get; } = progress;

    /// <summary>For ended: the result (answered, busy, no-answer...); else the remote party.</summary>
    public string Detail { get; } = detail;
}

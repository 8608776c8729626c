using CallSync.Companion.Messages;

namespace CallSync.Companion;

/// <summary>A call progress event to forward to connected companions.</summary>
public sealed class CompanionCallEventArgs(string recordId, CallEventKind kind, DateTimeOffset at, string detail) : EventArgs
{
    /// <summary>The call record id.</summary>
    public string RecordId { get; } = recordId;

    /// <summary>Ringing, answered or ended.</summary>
    public CallEventKind Kind { get; } = kind;

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; } = at;

    /// <summary>For ended: the call result (answered, busy, no-answer, failed...).</summary>
    public string Detail { get; } = detail;
}

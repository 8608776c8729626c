using CallSync.Contracts;

namespace CallSync.Agent.Calls;

/// <summary>
/// What the agent knows about one call beyond SIP: its record id (chosen when the call first appears, so the
/// recording can be named after it), where the call came from, the number as dialled, and its end.
/// </summary>
public sealed class PhoneCall(string callId, Guid recordId)
{
    private readonly TaskCompletionSource<FinishedCallSummary> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The SIP Call-ID.</summary>
    public string CallId { get; } = callId;

    /// <summary>The call record's id, also the recording's file name.</summary>
    public Guid RecordId { get; } = recordId;

    /// <summary>Who asked for the call: keypad, remote command, companion, technician CLI.</summary>
    public CallOrigin Origin { get; set; } = new() { Kind = OriginKind.Keypad };

    /// <summary>The number or URI as dialled (outgoing) or null (incoming).</summary>
    public string? Dialled { get; set; }

    /// <summary>Completes once the call ended and its record was handed to the outboxes.</summary>
    public Task<FinishedCallSummary> Finished => _finished.Task;

    internal void Finish(FinishedCallSummary summary) => _finished.TrySetResult(summary);
}

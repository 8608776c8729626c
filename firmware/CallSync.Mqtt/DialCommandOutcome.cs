using CallSync.Contracts;

namespace CallSync.Mqtt;

/// <summary>The result of <see cref="IDialer.DialAsync"/>.</summary>
public sealed record DialCommandOutcome
{
    private DialCommandOutcome(DialCommandStatus status, Guid? recordId, CallResult? result, string? reason)
    {
        Status = status;
        RecordId = recordId;
        Result = result;
        Reason = reason;
    }

    /// <summary>What happened.</summary>
    public DialCommandStatus Status { get; }

    /// <summary>The finished call's record id (<see cref="DialCommandStatus.Completed"/>).</summary>
    public Guid? RecordId { get; }

    /// <summary>The finished call's result (<see cref="DialCommandStatus.Completed"/>).</summary>
    public CallResult? Result { get; }

    /// <summary>Why it failed (<see cref="DialCommandStatus.Failed"/>), a short token such as "not-registered".</summary>
    public string? Reason { get; }

    /// <summary>The call was placed and ended.</summary>
    public static DialCommandOutcome Completed(Guid recordId, CallResult result) => new(DialCommandStatus.Completed, recordId, result, null);

    /// <summary>Busy: nothing dialled.</summary>
    public static DialCommandOutcome Busy() => new(DialCommandStatus.Busy, null, null, null);

    /// <summary>Could not be placed.</summary>
    public static DialCommandOutcome Failed(string reason) => new(DialCommandStatus.Failed, null, null, reason);
}

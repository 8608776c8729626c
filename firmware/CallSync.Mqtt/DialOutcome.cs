using CallSync.Contracts;

namespace CallSync.Mqtt;

/// <summary>The result of <see cref="IDialer.DialAsync"/>.</summary>
public sealed record DialOutcome
{
    private DialOutcome(DialStatus status, Guid? recordId, CallResult? result, string? reason)
    {
        Status = status;
        RecordId = recordId;
        Result = result;
        Reason = reason;
    }

    /// <summary>What happened.</summary>
    public DialStatus Status { get; }

    /// <summary>The finished call's record id (<see cref="DialStatus.Completed"/>).</summary>
    public Guid? RecordId { get; }

    /// <summary>The finished call's result (<see cref="DialStatus.Completed"/>).</summary>
    public CallResult? Result { get; }

    /// <summary>Why it failed (<see cref="DialStatus.Failed"/>), a short token such as "not-registered".</summary>
    public string? Reason { get; }

    /// <summary>The call was placed and ended.</summary>
    public static DialOutcome Completed(Guid recordId, CallResult result) => new(DialStatus.Completed, recordId, result, null);

    /// <summary>Busy: nothing dialled.</summary>
    public static DialOutcome Busy() => new(DialStatus.Busy, null, null, null);

    /// <summary>Could not be placed.</summary>
    public static DialOutcome Failed(string reason) => new(DialStatus.Failed, null, null, reason);
}

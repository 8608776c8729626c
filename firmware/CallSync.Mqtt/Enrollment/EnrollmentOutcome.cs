using CallSync.Contracts;

namespace CallSync.Mqtt.Enrollment;

/// <summary>How an enrollment attempt ended.</summary>
public sealed record EnrollmentOutcome
{
    private EnrollmentOutcome(EnrollmentResponse? credentials, string? reason, bool retryable)
    {
        Credentials = credentials;
        Reason = reason;
        IsRetryable = retryable;
    }

    /// <summary>What the hub issued; null unless <see cref="Succeeded"/>.</summary>
    public EnrollmentResponse? Credentials { get; }

    /// <summary>Why it did not work: the hub's reason (an expired or used code...) or the network error.</summary>
    public string? Reason { get; }

    /// <summary>True when trying again later may work (the hub was unreachable or busy); a refused code never will.</summary>
    public bool IsRetryable { get; }

    /// <summary>True when <see cref="Credentials"/> are set.</summary>
    public bool Succeeded => Credentials is not null;

    /// <summary>The hub issued credentials.</summary>
    public static EnrollmentOutcome Enrolled(EnrollmentResponse credentials) => new(credentials, null, false);

    /// <summary>The hub refused (or the request could not be made): do not retry the same code.</summary>
    public static EnrollmentOutcome Refused(string reason) => new(null, reason, false);

    /// <summary>The hub could not be reached or was overloaded: retry later.</summary>
    public static EnrollmentOutcome Unreachable(string reason) => new(null, reason, true);
}

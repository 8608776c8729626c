namespace CallSync.Agent.Calls;

/// <summary>A call moved on: ringing, answered, held, ended.</summary>
public sealed class PhoneCallEventArgs(PhoneCall call, PhoneCallEvent kind, string detail) : EventArgs
{
    /// <summary>The call.</summary>
    public PhoneCall Call { get; } = call;

    /// <summary>What happened.</summary>
    public PhoneCallEvent Kind { get; } = kind;

    /// <summary>For ended: the result (answered, busy, no-answer...); else the remote party.</summary>
    public string Detail { get; } = detail;
}

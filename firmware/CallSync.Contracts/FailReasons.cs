namespace CallSync.Contracts;

/// <summary>Values of <see cref="CommandReply.Reason"/> for <see cref="ReplyStatus.Failed"/> replies.</summary>
public static class FailReasons
{
    /// <summary>The phone restarted while the command was executing.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>The call could not be placed (no registration, SIP error before a record existed...).</summary>
    public const string DialFailed = "dial-failed";

    /// <summary>Hang-up was asked for but no call was active.</summary>
    public const string NoActiveCall = "no-active-call";

    /// <summary>An unexpected error in the phone.</summary>
    public const string Internal = "internal";
}

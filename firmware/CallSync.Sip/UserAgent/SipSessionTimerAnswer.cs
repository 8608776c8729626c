namespace CallSync.Sip.UserAgent;

/// <summary>
/// What a UAS answers to the session timer of an INVITE or re-INVITE (RFC 4028 section 9): either 422 with
/// <see cref="MinimumInterval"/> as Min-SE, or a 2xx carrying <c>Session-Expires: Interval;refresher=Refresher</c>.
/// </summary>
internal sealed record SipSessionTimerAnswer
{
    /// <summary>The requested interval is below our minimum: answer 422 Session Interval Too Small.</summary>
    public bool TooSmall { get; init; }

    /// <summary>The Min-SE of a 422.</summary>
    public TimeSpan MinimumInterval { get; init; }

    /// <summary>The session interval of the 2xx.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary><c>uac</c> (the request's sender refreshes) or <c>uas</c> (we do).</summary>
    public string Refresher { get; init; } = SipSessionTimerPolicy.Uas;

    /// <summary>True when the 2xx needs <c>Require: timer</c> (RFC 4028 9: refresher=uac).</summary>
    public bool RequireTimer => Refresher == SipSessionTimerPolicy.Uac;

    /// <summary>True when we, as the request's receiver, refresh.</summary>
    public bool LocalRefresher => Refresher == SipSessionTimerPolicy.Uas;
}

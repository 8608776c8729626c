namespace CallSync.Sip.UserAgent;

/// <summary>A session timer in force: its interval and whether this side refreshes it (RFC 4028 section 10).</summary>
internal readonly record struct SipSessionTimerTerms(TimeSpan Interval, bool LocalRefresher)
{
    /// <summary>The largest margin the non-refresher leaves before the interval ends (RFC 4028 10).</summary>
    private static readonly TimeSpan ByeMargin = TimeSpan.FromSeconds(32);

    /// <summary>
    /// When the timer fires after the session was established or refreshed: the refresher refreshes at half the
    /// interval; the other side sends BYE at interval - min(32 s, interval / 3) when no refresh came.
    /// </summary>
    public TimeSpan Due => LocalRefresher
        ? Interval / 2
        : Interval - TimeSpan.FromTicks(Math.Min(ByeMargin.Ticks, (Interval / 3).Ticks));
}

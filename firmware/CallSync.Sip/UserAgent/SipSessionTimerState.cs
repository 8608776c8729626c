namespace CallSync.Sip.UserAgent;

/// <summary>One call's session timer (RFC 4028). Guarded by the call's lock.</summary>
internal sealed class SipSessionTimerState(TimeSpan requestInterval, TimeSpan minInterval)
{
    /// <summary>The negotiated interval, or null when the call runs without a session timer.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>True when this side refreshes.</summary>
    public bool LocalRefresher { get; set; }

    /// <summary>Session-Expires asked for in our INVITE and re-INVITEs (raised by a 422).</summary>
    public TimeSpan RequestInterval { get; set; } = requestInterval;

    /// <summary>Min-SE sent: our minimum, raised to the largest Min-SE a 422 carried (RFC 4028 7.4).</summary>
    public TimeSpan MinInterval { get; set; } = minInterval;

    /// <summary>The refresh or expiry timer.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>When the session was last established or refreshed.</summary>
    public DateTimeOffset? RefreshedAt { get; set; }

    public void Stop()
    {
        Timer?.Dispose();
        Timer = null;
    }
}

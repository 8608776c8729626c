using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.Fakes;

/// <summary>The user agent's events as the tests wait for them.</summary>
public static class SipUserAgentEvents
{
    /// <summary>Calls <paramref name="handler"/> for each new incoming call.</summary>
    public static void OnIncoming(this SipUserAgent ua, Action<SipCall> handler)
    {
        ArgumentNullException.ThrowIfNull(ua);
        ua.CallEvent += e =>
        {
            if (e is SipCallIncoming)
            {
                handler(e.Call);
            }
        };
    }

    /// <summary>Calls <paramref name="handler"/> after every event of every call (its state is current).</summary>
    public static void OnChange(this SipUserAgent ua, Action<SipCall> handler)
    {
        ArgumentNullException.ThrowIfNull(ua);
        ua.CallEvent += e => handler(e.Call);
    }
}

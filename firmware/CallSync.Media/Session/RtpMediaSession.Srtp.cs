using CallSync.Media.Srtp;

namespace CallSync.Media.Session;

/// <content>SRTP and SRTCP (RFC 3711): the session's keys, applied to every packet by <see cref="MediaProtection"/>.</content>
public sealed partial class RtpMediaSession
{
    private readonly MediaProtection _protection = new();

    /// <summary>
    /// Makes the session SRTP/SRTCP (RFC 3711) with these contexts, which it owns from now on: <paramref name="send"/>
    /// keyed by this side's SDES key, <paramref name="receive"/> by the peer's. Call before <see cref="Start"/> and
    /// again on every re-negotiation that brings new keys; nulls for plain RTP. Sending uses the new key from the next
    /// packet on; receiving accepts the previous key until a packet authenticates under the new one. Packets that
    /// fail authentication or replay checks are dropped, counted in <see cref="MediaStatistics"/> and logged at most
    /// once per 10 s.
    /// </summary>
    public void UseSrtp(SrtpContext? send, SrtpContext? receive)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if ((send is null) != (receive is null))
        {
            throw new ArgumentException("SRTP needs both keys, or neither for plain RTP.", nameof(send));
        }

        bool was = _protection.IsActive;
        _protection.Rekey(send, receive);
        Log.SrtpKeys(_logger, send is null ? "off" : was ? "re-keyed" : "on", send is null ? "-" : SrtpSuites.GetName(send.Suite));
    }

    /// <summary>True while the session sends and expects SRTP.</summary>
    public bool IsSrtp => _protection.IsActive;
}

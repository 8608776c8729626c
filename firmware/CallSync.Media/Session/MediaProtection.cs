using CallSync.Media.Srtp;

namespace CallSync.Media.Session;

/// <summary>
/// The SRTP/SRTCP contexts of one session (RFC 3711): ours protects what we send, the peer's unprotects what we
/// receive. Without contexts every call passes the packet through (plain RTP). Re-keying (<see cref="Rekey"/>)
/// switches sending to the new key at once; receiving keeps the previous key beside the new one until a packet
/// authenticates under the new key, so packets the peer sent before it switched are not lost, then drops it.
/// Sending and receiving each have their own gate, held for one packet, so a re-key never disposes a context in use;
/// plain RTP takes neither.
/// </summary>
internal sealed class MediaProtection : IDisposable
{
    private readonly Lock _sendGate = new();
    private readonly Lock _receiveGate = new();
    private SrtpContext? _send;
    private SrtpContext? _receive;
    private SrtpContext? _previousReceive;
    private long _authenticationFailures;
    private long _replays;

    /// <summary>True while packets are SRTP.</summary>
    public bool IsActive => Volatile.Read(ref _send) is not null;

    /// <summary>Received packets that failed authentication (tampered, another key, or plain RTP while SRTP was agreed).</summary>
    public long AuthenticationFailures => Interlocked.Read(ref _authenticationFailures);

    /// <summary>Received packets refused as replayed or older than the replay window.</summary>
    public long Replays => Interlocked.Read(ref _replays);

    /// <summary>
    /// Takes new contexts (owned from now on), or none for plain RTP. The old sending context is disposed at once;
    /// the old receiving one is kept until the new one authenticates a packet (or the next re-key, or disposal).
    /// </summary>
    public void Rekey(SrtpContext? send, SrtpContext? receive)
    {
        lock (_sendGate)
        {
            _send?.Dispose();
            _send = send;
        }

        lock (_receiveGate)
        {
            _previousReceive?.Dispose();
            _previousReceive = null;
            if (receive is null)
            {
                _receive?.Dispose();
            }
            else
            {
                _previousReceive = _receive;
            }

            _receive = receive;
        }
    }

    /// <summary>RTP to send, protected in place (the buffer has room for the tag); Ok with the length unchanged when plain.</summary>
    public SrtpResult ProtectRtp(Span<byte> buffer, int length, out int newLength) => Protect(buffer, length, rtcp: false, out newLength);

    /// <summary>RTCP to send, protected in place; Ok with the length unchanged when plain.</summary>
    public SrtpResult ProtectRtcp(Span<byte> buffer, int length, out int newLength) => Protect(buffer, length, rtcp: true, out newLength);

    /// <summary>A received RTP datagram, unprotected in place; Ok with the length unchanged when plain.</summary>
    public SrtpResult UnprotectRtp(Span<byte> packet, out int length) => Unprotect(packet, rtcp: false, out length);

    /// <summary>A received RTCP datagram, unprotected in place; Ok with the length unchanged when plain.</summary>
    public SrtpResult UnprotectRtcp(Span<byte> packet, out int length) => Unprotect(packet, rtcp: true, out length);

    /// <summary>Releases every key.</summary>
    public void Dispose() => Rekey(null, null);

    private SrtpResult Protect(Span<byte> buffer, int length, bool rtcp, out int newLength)
    {
        newLength = length;
        if (Volatile.Read(ref _send) is null)
        {
            return SrtpResult.Ok; // plain RTP: no gate at all
        }

        using (SpinningGate.Hold(_sendGate))
        {
            return _send is null ? SrtpResult.Ok
                : rtcp ? _send.TryProtectRtcp(buffer, length, out newLength) : _send.TryProtect(buffer, length, out newLength);
        }
    }

    private SrtpResult Unprotect(Span<byte> packet, bool rtcp, out int length)
    {
        SrtpResult result;
        length = packet.Length;
        if (Volatile.Read(ref _receive) is null)
        {
            return SrtpResult.Ok; // plain RTP: no gate at all
        }

        using (SpinningGate.Hold(_receiveGate))
        {
            if (_receive is null)
            {
                return SrtpResult.Ok;
            }

            result = Try(_receive, packet, rtcp, out length);
            if (result == SrtpResult.Ok)
            {
                // The peer uses the new key: the old one is done with.
                _previousReceive?.Dispose();
                _previousReceive = null;
                return result;
            }

            // A failed attempt leaves the packet untouched, so the previous key may still try it.
            if (result == SrtpResult.AuthenticationFailed && _previousReceive is not null
                && Try(_previousReceive, packet, rtcp, out length) == SrtpResult.Ok)
            {
                return SrtpResult.Ok;
            }
        }

        if (result == SrtpResult.AuthenticationFailed)
        {
            Interlocked.Increment(ref _authenticationFailures);
        }
        else if (result is SrtpResult.Replayed or SrtpResult.TooOld)
        {
            Interlocked.Increment(ref _replays);
        }

        return result;
    }

    private static SrtpResult Try(SrtpContext context, Span<byte> packet, bool rtcp, out int length) =>
        rtcp ? context.TryUnprotectRtcp(packet, packet.Length, out length) : context.TryUnprotect(packet, packet.Length, out length);

    /// <summary>The log text for a refused packet (constant strings: nothing is allocated per packet).</summary>
    public static string Describe(SrtpResult result) => result switch
    {
        SrtpResult.AuthenticationFailed => "SRTP authentication failed (tampered, another key, or not SRTP)",
        SrtpResult.Replayed => "SRTP replay (index already received)",
        SrtpResult.TooOld => "SRTP replay (index behind the replay window)",
        SrtpResult.TooShort => "SRTP packet too short for its tag",
        SrtpResult.Malformed => "SRTP packet malformed",
        SrtpResult.UnknownMki => "SRTP packet with an unknown MKI",
        SrtpResult.KeyExhausted => "SRTP key lifetime reached: re-key needed",
        _ => "SRTP packet refused",
    };
}

using System.Net;
using System.Net.Sockets;
using CallSync.Media.Dtmf;
using CallSync.Media.Receive;
using CallSync.Media.Rtp;
using CallSync.Media.Srtp;

namespace CallSync.Media.Session;

/// <content>RTP receive: the receive thread, the per-period drain, symmetric RTP latching.</content>
public sealed partial class RtpMediaSession
{
    private const int PollMicroseconds = 100_000;

    // The receive thread and the audio clock's drain take datagrams from the same socket; each takes and handles one
    // under this lock, so neither ever blocks on a datagram the other took.
    private readonly Lock _socketLock = new();
    private readonly byte[] _drainBuffer = new byte[MaxDatagram];
    private readonly SocketAddress _drainSource;
    private bool _notLatchedLogged;

    private void RtpReceiveLoop()
    {
        byte[] buffer = new byte[MaxDatagram];
        var source = new SocketAddress(_rtpSocket.AddressFamily);
        while (!_stopping)
        {
            try
            {
                if (!_rtpSocket.Poll(PollMicroseconds, SelectMode.SelectRead))
                {
                    continue;
                }

                lock (_socketLock)
                {
                    if (!_stopping && _rtpSocket.Poll(0, SelectMode.SelectRead))
                    {
                        int n = _rtpSocket.ReceiveFrom(buffer, SocketFlags.None, source);
                        OnRtp(buffer.AsSpan(0, n), source);
                    }
                }
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                // ICMP port unreachable for something we sent: not about this socket's input.
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                if (!_stopping && ex is SocketException se)
                {
                    Log.SocketError(_logger, "RTP", se.SocketErrorCode);
                }

                return;
            }

            RaiseDigits();
        }
    }

    /// <summary>Takes in every datagram already waiting (called by the audio clock before each period).</summary>
    private void DrainReceived()
    {
        using (SpinningGate.Hold(_socketLock)) // the receive thread holds it for one datagram at most
        {
            try
            {
                while (_rtpSocket.Poll(0, SelectMode.SelectRead))
                {
                    int n = _rtpSocket.ReceiveFrom(_drainBuffer, SocketFlags.None, _drainSource);
                    OnRtp(_drainBuffer.AsSpan(0, n), _drainSource);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // ICMP errors and a closing socket: the receive thread reports real failures.
            }
        }

        RaiseDigits();
    }

    private void OnRtp(Span<byte> received, SocketAddress source)
    {
        ActiveMedia? media = _media;
        if (media is null)
        {
            return;
        }

        SrtpResult unprotected = _protection.UnprotectRtp(received, out int length);
        if (unprotected != SrtpResult.Ok)
        {
            Reject(source, MediaProtection.Describe(unprotected), -1);
            return;
        }

        ReadOnlySpan<byte> datagram = received[..length];
        if (!RtpHeader.TryParse(datagram, out RtpHeader header, out _))
        {
            Reject(source, "not an RTP packet (version, lengths or padding invalid)", -1);
            return;
        }

        long now = _time.GetTimestamp();
        Interlocked.Exchange(ref _lastPeerPacket, now);
        ReadOnlySpan<byte> payload = datagram.Slice(header.PayloadOffset, header.PayloadLength);
        TimeSpan arrival = _time.GetElapsedTime(_mediaStart, now);
        ReceiveVerdict verdict = _receiver.Accept(header, payload, arrival, out string? reason);
        switch (verdict)
        {
            case ReceiveVerdict.Malformed or ReceiveVerdict.UnknownPayloadType:
                Reject(source, reason ?? "unusable", header.PayloadType);
                return;
            case ReceiveVerdict.Discarded when reason is not null:
                Reject(source, reason, header.PayloadType);
                break;
        }

        if (!_rtpLatched)
        {
            _rtpDestination = Latch(media, source, _rtpDestination, "RTP", ref _rtpLatched);
        }
    }

    private void Reject(SocketAddress source, string reason, int payloadType)
    {
        if (_rejectLog.TryEnter(out long suppressed))
        {
            IPEndPoint? from = SocketAddresses.ToEndPoint(source);
            Log.PacketRejected(_logger, from, reason, payloadType, suppressed);
        }
    }

    /// <summary>Reports completed digits, outside every lock.</summary>
    private void RaiseDigits()
    {
        while (_receiver.TryTakeDigit(out DtmfDigit digit))
        {
            Log.DigitReceived(_logger, digit.Digit, digit.Offset, digit.Duration.TotalMilliseconds);
            DigitReceived?.Invoke(this, new DtmfDigitEventArgs(digit));
        }
    }

    private SocketAddress? Latch(ActiveMedia media, SocketAddress source, SocketAddress? current, string kind, ref bool latched)
    {
        // Symmetric RTP (RFC 4961): send to where the peer's packets come from, if they come from the negotiated
        // host (any port), or from anywhere when LatchToAnySource is set. Any address family compares safely.
        if (!_options.LatchToAnySource && !SocketAddresses.SameHost(source, media.Remote.Address))
        {
            if (!_notLatchedLogged)
            {
                _notLatchedLogged = true;
                IPEndPoint? from = SocketAddresses.ToEndPoint(source);
                Log.NotLatched(_logger, kind, from, media.Remote.Address);
            }

            return current;
        }

        latched = true;
        if (current is not null && current.Equals(source))
        {
            return current;
        }

        IPEndPoint? latchedTo = SocketAddresses.ToEndPoint(source);
        Log.Latched(_logger, kind, latchedTo);
        return SocketAddresses.Copy(source);
    }
}

using System.Net;
using System.Net.Sockets;
using CallSync.Media.Dtmf;
using CallSync.Media.Rtcp;
using CallSync.Media.Rtp;

namespace CallSync.Media.Session;

/// <content>Receive loops, symmetric RTP latching and RTCP.</content>
public sealed partial class RtpMediaSession
{
    private const int PollMicroseconds = 100_000;
    private readonly byte[] _rtcpTx = new byte[512];
    private readonly Lock _rtcpLock = new();
    private RemoteReport _remoteReport;
    private uint _lastSrMiddle;
    private long _lastSrArrival;
    private long _rttTicks = -1;

    /// <summary>Round-trip time from the last report block that echoed one of our SRs.</summary>
    public TimeSpan? RoundTrip
    {
        get
        {
            long t = Interlocked.Read(ref _rttTicks);
            return t < 0 ? null : TimeSpan.FromTicks(t);
        }
    }

    /// <summary>True once the peer sent RTCP BYE.</summary>
    public bool ByeReceived { get; private set; }

    private void RtpReceiveLoop()
    {
        byte[] buffer = new byte[MaxDatagram];
        SocketAddress source = new(_rtpSocket.AddressFamily);
        while (!_stopping)
        {
            int n;
            try
            {
                if (!_rtpSocket.Poll(PollMicroseconds, SelectMode.SelectRead))
                {
                    continue;
                }

                n = _rtpSocket.ReceiveFrom(buffer, SocketFlags.None, source);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                continue;
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                if (!_stopping && ex is SocketException se)
                {
                    Log.SocketError(_logger, "RTP", se.SocketErrorCode);
                }

                return;
            }

            OnRtp(buffer.AsSpan(0, n), source);
        }
    }

    private void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        ActiveMedia? media = _media;
        if (media is null || !RtpHeader.TryParse(datagram, out RtpHeader header, out _))
        {
            return;
        }

        bool isEvent = media.Choice.TelephoneEventPayloadType == header.PayloadType;
        if (!isEvent && header.PayloadType != media.Choice.PayloadType)
        {
            return;
        }

        if (!_rtpLatched)
        {
            _rtpDestination = Latch(media, source, _rtpDestination, "RTP", ref _rtpLatched);
        }

        TimeSpan arrival = _time.GetElapsedTime(_createdTimestamp);
        TimeSpan jitter;
        lock (_statsLock)
        {
            if (!_haveRemoteSsrc || _remoteSsrc != header.Ssrc)
            {
                if (_haveRemoteSsrc)
                {
                    _jitter.Clear();
                }

                _haveRemoteSsrc = true;
                _remoteSsrc = header.Ssrc;
                _receive = new RtpReceiveStatistics(media.Choice.ClockRate);
            }

            _receive!.Update(header.SequenceNumber, header.Timestamp, arrival);
            jitter = _receive.JitterTime;
        }

        Interlocked.Increment(ref _packetsReceived);
        Interlocked.Add(ref _bytesReceived, header.PayloadLength);
        ReadOnlySpan<byte> payload = datagram.Slice(header.PayloadOffset, header.PayloadLength);
        if (isEvent)
        {
            if (_dtmfReceiver.TryAccept(header.Timestamp, payload, out char digit))
            {
                Log.DigitReceived(_logger, digit);
                DigitReceived?.Invoke(this, new DtmfDigitEventArgs(digit));
            }

            // Keep the playout sequence contiguous: an event packet plays as silence.
            _jitter.Push(header.SequenceNumber, default);
        }
        else
        {
            _jitter.Push(header.SequenceNumber, payload);
        }

        _jitter.EnsureCovers(jitter);
    }

    private SocketAddress? Latch(ActiveMedia media, SocketAddress source, SocketAddress? current, string kind, ref bool latched)
    {
        // Symmetric RTP (RFC 4961): send to where the peer's packets come from, if they come from the
        // negotiated host (any port), or from anywhere when LatchToAnySource is set.
        var from = (IPEndPoint)media.Remote.Create(source);
        if (!_options.LatchToAnySource && !from.Address.Equals(media.Remote.Address))
        {
            return current;
        }

        latched = true;
        if (current is not null && current.Equals(source))
        {
            return current;
        }

        Log.Latched(_logger, kind, from);
        return from.Serialize();
    }

    private void RtcpReceiveLoop()
    {
        byte[] buffer = new byte[MaxDatagram];
        SocketAddress source = new(_rtcpSocket.AddressFamily);
        while (!_stopping)
        {
            int n;
            try
            {
                if (!_rtcpSocket.Poll(PollMicroseconds, SelectMode.SelectRead))
                {
                    continue;
                }

                n = _rtcpSocket.ReceiveFrom(buffer, SocketFlags.None, source);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                continue;
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                return;
            }

            OnRtcp(buffer.AsSpan(0, n), source);
        }
    }

    private void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        ActiveMedia? media = _media;
        if (media is null)
        {
            return;
        }

        var reader = new RtcpCompoundReader(datagram);
        bool any = false;
        while (reader.TryReadNext(out RtcpPacketType type, out int count, out ReadOnlySpan<byte> body))
        {
            any = true;
            if (type is RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport)
            {
                if (RtcpReport.TryParse(type, count, body, out RtcpReport report))
                {
                    OnReport(report);
                }
            }
            else if (type == RtcpPacketType.Bye && body.Length >= 4)
            {
                ByeReceived = true;
                uint byeSsrc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body);
                Log.ByeReceived(_logger, byeSsrc);
            }
        }

        if (any && !_rtcpLatched)
        {
            _rtcpDestination = Latch(media, source, _rtcpDestination, "RTCP", ref _rtcpLatched);
        }
    }

    private void OnReport(in RtcpReport report)
    {
        lock (_rtcpLock)
        {
            if (report.HasSenderInfo)
            {
                _lastSrMiddle = report.SenderInfo.NtpMiddle;
                _lastSrArrival = _time.GetTimestamp();
            }

            for (int i = 0; i < report.BlockCount; i++)
            {
                if (!report.TryGetBlock(i, out RtcpReportBlock block) || block.Ssrc != _ssrc)
                {
                    continue;
                }

                _remoteReport = new RemoteReport(true, block.FractionLost, block.CumulativeLost);
                if (block.LastSenderReport != 0)
                {
                    // RFC 3550 6.4.1: RTT = A - LSR - DLSR, all in 16.16 NTP units.
                    uint now = NtpTime.Middle(NtpTime.FromDateTimeOffset(_time.GetUtcNow()));
                    int rtt = unchecked((int)(now - block.LastSenderReport - block.DelaySinceLastSenderReport));
                    if (rtt >= 0)
                    {
                        Interlocked.Exchange(ref _rttTicks, NtpTime.FromShort((uint)rtt).Ticks);
                    }
                }
            }
        }
    }

    private void OnRtcpTimer()
    {
        if (!_stopping)
        {
            SendRtcp(bye: false);
        }
    }

    /// <summary>Sends one compound RTCP packet: SR (or RR when we sent nothing), SDES CNAME, optionally BYE.</summary>
    internal void SendRtcp(bool bye)
    {
        lock (_rtcpLock)
        {
            RtcpReportBlock? block = null;
            lock (_statsLock)
            {
                if (_haveRemoteSsrc && _receive is not null)
                {
                    uint dlsr = _lastSrArrival == 0 ? 0 : NtpTime.ToShort(_time.GetElapsedTime(_lastSrArrival));
                    block = new RtcpReportBlock
                    {
                        Ssrc = _remoteSsrc,
                        FractionLost = _receive.TakeFractionLost(),
                        CumulativeLost = (int)Math.Clamp(_receive.PacketsLost, -0x80_0000, 0x7F_FFFF),
                        ExtendedHighestSequence = _receive.ExtendedHighestSequence,
                        Jitter = _receive.Jitter,
                        LastSenderReport = _lastSrMiddle,
                        DelaySinceLastSenderReport = _lastSrMiddle == 0 ? 0 : dlsr,
                    };
                }
            }

            Span<byte> buffer = _rtcpTx;
            int offset;
            long sent = Interlocked.Read(ref _packetsSent);
            if (sent > 0)
            {
                var info = new RtcpSenderInfo
                {
                    NtpTimestamp = NtpTime.FromDateTimeOffset(_time.GetUtcNow()),
                    RtpTimestamp = _timestamp,
                    PacketCount = (uint)sent,
                    OctetCount = (uint)Interlocked.Read(ref _bytesSent),
                };
                RtcpWriter.TryWriteSenderReport(buffer, _ssrc, info, block, out offset);
            }
            else
            {
                RtcpWriter.TryWriteReceiverReport(buffer, _ssrc, block, out offset);
            }

            RtcpWriter.TryWriteSourceDescription(buffer[offset..], _ssrc, _cname, out int written);
            offset += written;
            if (bye)
            {
                RtcpWriter.TryWriteBye(buffer[offset..], _ssrc, out written);
                offset += written;
            }

            SocketAddress? destination = _rtcpDestination;
            if (destination is null)
            {
                return;
            }

            try
            {
                _rtcpSocket.SendTo(buffer[..offset], SocketFlags.None, destination);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Best effort: RTCP is advisory.
            }
        }
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CallSync.Media.Rtcp;
using CallSync.Media.Srtp;

namespace CallSync.Media.Session;

/// <content>RTCP (RFC 3550 section 6): the receive loop, reports about our stream, our own reports.</content>
public sealed partial class RtpMediaSession
{
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

    private void RtcpReceiveLoop()
    {
        byte[] buffer = new byte[MaxDatagram];
        var source = new SocketAddress(_rtcpSocket.AddressFamily);
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

    private void OnRtcp(Span<byte> received, SocketAddress source)
    {
        ActiveMedia? media = _media;
        if (media is null)
        {
            return;
        }

        SrtpResult unprotected = _protection.UnprotectRtcp(received, out int length);
        if (unprotected != SrtpResult.Ok)
        {
            Reject(source, MediaProtection.Describe(unprotected), -1);
            return;
        }

        ReadOnlySpan<byte> datagram = received[..length];
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
                uint byeSsrc = BinaryPrimitives.ReadUInt32BigEndian(body);
                Log.ByeReceived(_logger, byeSsrc);
            }
        }

        if (!any)
        {
            return;
        }

        Interlocked.Exchange(ref _lastPeerPacket, _time.GetTimestamp());
        if (!_rtcpLatched)
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
            uint dlsr = _lastSrArrival == 0 ? 0 : NtpTime.ToShort(_time.GetElapsedTime(_lastSrArrival));
            RtcpReportBlock? block = _receiver.TryTakeReportBlock(_lastSrMiddle, _lastSrMiddle == 0 ? 0 : dlsr, out RtcpReportBlock b) ? b : null;
            Span<byte> buffer = _rtcpTx;
            int offset;
            long sent = Interlocked.Read(ref _packetsSent);
            if (sent > 0)
            {
                var info = new RtcpSenderInfo
                {
                    NtpTimestamp = NtpTime.FromDateTimeOffset(_time.GetUtcNow()),
                    RtpTimestamp = _sender.Timestamp,
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
            if (destination is null || _protection.ProtectRtcp(buffer, offset, out int wire) != SrtpResult.Ok)
            {
                return;
            }

            try
            {
                _rtcpSocket.SendTo(buffer[..wire], SocketFlags.None, destination);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Best effort: RTCP is advisory.
            }
        }
    }
}

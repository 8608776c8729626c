using System.Buffers.Binary;

namespace CallSync.Media.Srtp;

/// <summary>SRTP (RFC 3711 section 3.1): the RTP payload encrypted, header and payload authenticated with the ROC.</summary>
public sealed partial class SrtpContext
{
    /// <summary>
    /// Turns the RTP packet in <c>packet[..length]</c> into SRTP in place: encrypts the payload, appends the MKI
    /// (if any) and the tag. <paramref name="packet"/> must have <see cref="RtpOverhead"/> bytes of room after
    /// <paramref name="length"/>.
    /// </summary>
    /// <returns><see cref="SrtpResult.Ok"/> with the SRTP length in <paramref name="newLength"/>; otherwise the
    /// reason, with the packet unchanged and <paramref name="newLength"/> = <paramref name="length"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is outside the buffer.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public SrtpResult TryProtect(Span<byte> packet, int length, out int newLength)
    {
        CheckLength(packet, length);
        newLength = length;
        lock (_rtpLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ReadOnlySpan<byte> rtp = packet[..length];
            if (!SrtpPacket.TryGetRtpHeaderLength(rtp, out int headerLength))
            {
                return length < SrtpPacket.RtpFixedHeaderLength ? SrtpResult.TooShort : SrtpResult.Malformed;
            }

            int total = length + RtpOverhead;
            if (total > packet.Length)
            {
                return SrtpResult.BufferTooSmall;
            }

            uint ssrc = SrtpPacket.ReadRtpSsrc(rtp);
            ref SrtpStreamState stream = ref _rtpStreams[_rtpStreams.GetOrAdd(ssrc)];
            ulong index = SrtpIndexEstimator.Estimate(stream.SendStarted, stream.SendIndex, SrtpPacket.ReadSequence(rtp));
            if (index >= SrtpIndexEstimator.IndexLimit || _rtpPackets >= _maxPackets)
            {
                return SrtpResult.KeyExhausted;
            }

            _rtpCipher.Crypt(ssrc, index, packet[headerLength..length]);
            _mki.CopyTo(packet[length..]);
            Span<byte> roc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(roc, (uint)(index >> 16));
            _rtpCipher.Sign(packet[..length], roc, packet.Slice(length + _mki.Length, _rtpTagLength));

            if (!stream.SendStarted || index > stream.SendIndex)
            {
                stream.SendIndex = index;
                stream.SendStarted = true;
            }

            _rtpPackets++;
            newLength = total;
            return SrtpResult.Ok;
        }
    }

    /// <summary>
    /// Turns the SRTP packet in <c>packet[..length]</c> back into RTP in place: checks the replay window, the
    /// MKI and the tag, then decrypts the payload.
    /// </summary>
    /// <returns><see cref="SrtpResult.Ok"/> with the RTP length in <paramref name="newLength"/>; otherwise the
    /// reason, with the packet unchanged and <paramref name="newLength"/> = <paramref name="length"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is outside the buffer.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public SrtpResult TryUnprotect(Span<byte> packet, int length, out int newLength)
    {
        CheckLength(packet, length);
        newLength = length;
        lock (_rtpLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int authenticatedLength = length - RtpOverhead;
            if (authenticatedLength < SrtpPacket.RtpFixedHeaderLength)
            {
                return SrtpResult.TooShort;
            }

            ReadOnlySpan<byte> rtp = packet[..authenticatedLength];
            if (!SrtpPacket.TryGetRtpHeaderLength(rtp, out int headerLength))
            {
                return SrtpResult.Malformed;
            }

            uint ssrc = SrtpPacket.ReadRtpSsrc(rtp);
            SrtpReplayWindow window = _rtpStreams.GetReceiveWindow(ssrc);
            ulong index = SrtpIndexEstimator.Estimate(window.Started, window.Highest, SrtpPacket.ReadSequence(rtp));
            if (index >= SrtpIndexEstimator.IndexLimit || _rtpPackets >= _maxPackets)
            {
                return SrtpResult.KeyExhausted;
            }

            Span<byte> roc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(roc, (uint)(index >> 16));
            SrtpResult result = Authenticate(_rtpCipher, window, index, packet, authenticatedLength, _rtpTagLength, roc);
            if (result != SrtpResult.Ok)
            {
                return result;
            }

            _rtpCipher.Crypt(ssrc, index, packet[headerLength..authenticatedLength]);
            _rtpStreams.MarkReceived(ssrc, index);
            _rtpPackets++;
            newLength = authenticatedLength;
            return SrtpResult.Ok;
        }
    }
}

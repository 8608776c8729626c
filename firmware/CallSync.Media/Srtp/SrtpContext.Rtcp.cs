using System.Buffers.Binary;

namespace CallSync.Media.Srtp;

/// <summary>
/// SRTCP (RFC 3711 section 3.4): everything after the first 8 bytes encrypted, then the E flag with the
/// 31-bit SRTCP index, the MKI and the tag (80 bits for both suites); the tag covers the packet and the index word.
/// </summary>
public sealed partial class SrtpContext
{
    private const uint EncryptedFlag = 0x8000_0000;

    /// <summary>
    /// Turns the (compound) RTCP packet in <c>packet[..length]</c> into SRTCP in place: encrypts it after the
    /// sender SSRC, appends E=1 with the next SRTCP index of that SSRC (from 0), the MKI and the tag.
    /// <paramref name="packet"/> must have <see cref="RtcpOverhead"/> bytes of room after <paramref name="length"/>.
    /// </summary>
    /// <returns><see cref="SrtpResult.Ok"/> with the SRTCP length in <paramref name="newLength"/>; otherwise the
    /// reason, with the packet unchanged and <paramref name="newLength"/> = <paramref name="length"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is outside the buffer.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public SrtpResult TryProtectRtcp(Span<byte> packet, int length, out int newLength)
    {
        CheckLength(packet, length);
        newLength = length;
        lock (_rtcpLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (length < SrtpPacket.RtcpClearHeaderLength)
            {
                return SrtpResult.TooShort;
            }

            if (!SrtpPacket.IsRtcpVersion2(packet))
            {
                return SrtpResult.Malformed;
            }

            int total = length + RtcpOverhead;
            if (total > packet.Length)
            {
                return SrtpResult.BufferTooSmall;
            }

            uint ssrc = SrtpPacket.ReadRtcpSsrc(packet);
            ref SrtpStreamState stream = ref _rtcpStreams[_rtcpStreams.GetOrAdd(ssrc)];
            ulong index = stream.SendIndex;
            if (index >= RtcpIndexLimit || _rtcpPackets >= _maxPackets)
            {
                return SrtpResult.KeyExhausted;
            }

            _rtcpCipher.Crypt(ssrc, index, packet[SrtpPacket.RtcpClearHeaderLength..length]);
            int authenticatedLength = length + SrtpPacket.RtcpIndexLength;
            BinaryPrimitives.WriteUInt32BigEndian(packet[length..], EncryptedFlag | (uint)index);
            _mki.CopyTo(packet[authenticatedLength..]);
            _rtcpCipher.Sign(packet[..authenticatedLength], default, packet.Slice(authenticatedLength + _mki.Length, _rtcpTagLength));

            stream.SendIndex = index + 1;
            _rtcpPackets++;
            newLength = total;
            return SrtpResult.Ok;
        }
    }

    /// <summary>
    /// Turns the SRTCP packet in <c>packet[..length]</c> back into RTCP in place: checks the replay window of its
    /// SRTCP index, the MKI and the tag, then decrypts it when the E flag says it was encrypted.
    /// </summary>
    /// <returns><see cref="SrtpResult.Ok"/> with the RTCP length in <paramref name="newLength"/>; otherwise the
    /// reason, with the packet unchanged and <paramref name="newLength"/> = <paramref name="length"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is outside the buffer.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public SrtpResult TryUnprotectRtcp(Span<byte> packet, int length, out int newLength)
    {
        CheckLength(packet, length);
        newLength = length;
        lock (_rtcpLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int authenticatedLength = length - _mki.Length - _rtcpTagLength;
            int rtcpLength = authenticatedLength - SrtpPacket.RtcpIndexLength;
            if (rtcpLength < SrtpPacket.RtcpClearHeaderLength)
            {
                return SrtpResult.TooShort;
            }

            if (!SrtpPacket.IsRtcpVersion2(packet))
            {
                return SrtpResult.Malformed;
            }

            uint ssrc = SrtpPacket.ReadRtcpSsrc(packet);
            uint word = BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(rtcpLength, SrtpPacket.RtcpIndexLength));
            ulong index = word & ~EncryptedFlag;
            if (_rtcpPackets >= _maxPackets)
            {
                return SrtpResult.KeyExhausted;
            }

            SrtpResult result = Authenticate(_rtcpCipher, _rtcpStreams.GetReceiveWindow(ssrc), index, packet, authenticatedLength, _rtcpTagLength, default);
            if (result != SrtpResult.Ok)
            {
                return result;
            }

            if ((word & EncryptedFlag) != 0)
            {
                _rtcpCipher.Crypt(ssrc, index, packet[SrtpPacket.RtcpClearHeaderLength..rtcpLength]);
            }

            _rtcpStreams.MarkReceived(ssrc, index);
            _rtcpPackets++;
            newLength = rtcpLength;
            return SrtpResult.Ok;
        }
    }
}

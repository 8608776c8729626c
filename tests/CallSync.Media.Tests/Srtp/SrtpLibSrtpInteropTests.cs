using CallSync.Media.Srtp;

namespace CallSync.Media.Tests.Srtp;

/// <summary>
/// Cross-checks with libsrtp 2 (the reference implementation, through P/Invoke): what one side protects, the
/// other unprotects, for both suites, for RTP across the sequence wrap (so both keep the same ROC) and for
/// RTCP; and libsrtp's rejections match ours for tampered and replayed packets.
/// </summary>
public sealed class SrtpLibSrtpInteropTests
{
    private const uint Ssrc = 0x1234_5678;
    private const int LibSrtpAuthFail = 7;
    private const int LibSrtpReplayFail = 9;

    public static TheoryData<SrtpSuite> Suites => [SrtpSuite.AesCm128HmacSha1Tag80, SrtpSuite.AesCm128HmacSha1Tag32];

    [Theory]
    [MemberData(nameof(Suites))]
    public void OursProtect_LibSrtpUnprotects_AcrossTheSequenceWrap(SrtpSuite suite)
    {
        using var ours = SrtpContext.Create(suite, SrtpTestPackets.OtherKeySalt);
        using var libsrtp = new LibSrtp2(suite == SrtpSuite.AesCm128HmacSha1Tag32, SrtpTestPackets.OtherKeySalt, outbound: false);
        for (int i = 0; i < 300; i++)
        {
            byte[] packet = SrtpTestPackets.Rtp((ushort)(65400 + i), Ssrc, 20 + (i % 200), csrcAndExtension: i % 7 == 0);
            byte[] original = packet.AsSpan(0, SrtpTestPackets.Length(packet)).ToArray();
            Assert.Equal(SrtpResult.Ok, ours.TryProtect(packet, original.Length, out int length));

            Assert.Equal(0, libsrtp.Unprotect(packet, ref length));

            Assert.Equal(original, packet.AsSpan(0, length).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void LibSrtpProtects_OursUnprotects_AcrossTheSequenceWrap(SrtpSuite suite)
    {
        using var libsrtp = new LibSrtp2(suite == SrtpSuite.AesCm128HmacSha1Tag32, SrtpTestPackets.OtherKeySalt, outbound: true);
        using var ours = SrtpContext.Create(suite, SrtpTestPackets.OtherKeySalt);
        for (int i = 0; i < 300; i++)
        {
            byte[] packet = SrtpTestPackets.Rtp((ushort)(65400 + i), Ssrc, 20 + (i % 200), csrcAndExtension: i % 7 == 0);
            byte[] original = packet.AsSpan(0, SrtpTestPackets.Length(packet)).ToArray();
            int length = original.Length;
            Assert.Equal(0, libsrtp.Protect(packet, ref length));

            Assert.Equal(SrtpResult.Ok, ours.TryUnprotect(packet, length, out int rtpLength));

            Assert.Equal(original, packet.AsSpan(0, rtpLength).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Rtcp_BothDirections_UnprotectOnTheOtherSide(SrtpSuite suite)
    {
        bool tag32 = suite == SrtpSuite.AesCm128HmacSha1Tag32;
        using var ours = SrtpContext.Create(suite, SrtpTestPackets.OtherKeySalt);
        using var libsrtpIn = new LibSrtp2(tag32, SrtpTestPackets.OtherKeySalt, outbound: false);
        using var libsrtpOut = new LibSrtp2(tag32, SrtpTestPackets.OtherKeySalt, outbound: true);
        using var oursIn = SrtpContext.Create(suite, SrtpTestPackets.OtherKeySalt);
        for (int i = 0; i < 20; i++)
        {
            byte[] packet = SrtpTestPackets.Rtcp(Ssrc, (byte)i);
            byte[] original = packet.AsSpan(0, SrtpTestPackets.Length(packet)).ToArray();
            Assert.Equal(SrtpResult.Ok, ours.TryProtectRtcp(packet, original.Length, out int length));
            Assert.Equal(0, libsrtpIn.UnprotectRtcp(packet, ref length));
            Assert.Equal(original, packet.AsSpan(0, length).ToArray());

            packet = SrtpTestPackets.Rtcp(Ssrc, (byte)i);
            length = original.Length;
            Assert.Equal(0, libsrtpOut.ProtectRtcp(packet, ref length));
            Assert.Equal(SrtpResult.Ok, oursIn.TryUnprotectRtcp(packet, length, out int rtcpLength));
            Assert.Equal(original, packet.AsSpan(0, rtcpLength).ToArray());
        }
    }

    [Fact]
    public void TamperedAndReplayed_BothImplementationsReject()
    {
        using var libsrtp = new LibSrtp2(tag32: false, SrtpTestPackets.OtherKeySalt, outbound: true);
        using var ours = SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt);
        using var libsrtpIn = new LibSrtp2(tag32: false, SrtpTestPackets.OtherKeySalt, outbound: false);
        byte[] packet = SrtpTestPackets.Rtp(9, Ssrc);
        int length = SrtpTestPackets.Length(packet);
        Assert.Equal(0, libsrtp.Protect(packet, ref length));
        byte[] srtp = packet.AsSpan(0, length).ToArray();

        byte[] tampered = Copy(srtp);
        tampered[40] ^= 1;
        int tamperedLength = length;
        Assert.Equal(SrtpResult.AuthenticationFailed, ours.TryUnprotect(Copy(tampered), length, out _));
        Assert.Equal(LibSrtpAuthFail, libsrtpIn.Unprotect(tampered, ref tamperedLength));

        Assert.Equal(SrtpResult.Ok, ours.TryUnprotect(Copy(srtp), length, out _));
        Assert.Equal(SrtpResult.Replayed, ours.TryUnprotect(Copy(srtp), length, out _));
        int first = length;
        int again = length;
        Assert.Equal(0, libsrtpIn.Unprotect(Copy(srtp), ref first));
        Assert.Equal(LibSrtpReplayFail, libsrtpIn.Unprotect(Copy(srtp), ref again));
    }

    private static byte[] Copy(byte[] packet) => (byte[])packet.Clone();
}

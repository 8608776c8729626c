using System.Buffers.Binary;
using CallSync.Media.Srtp;

namespace CallSync.Media.Tests.Srtp;

public sealed class SrtpContextTests
{
    private const uint Ssrc = 0xCAFEBABE;

    /// <summary>libsrtp 2.5's own validation packet: RFC 3711 B.3 key, header 800F1234 DECAFBAD CAFEBABE, 16 bytes of 0xAB.</summary>
    private const string KnownRtp = "800F1234DECAFBADCAFEBABE" + "ABABABABABABABABABABABABABABABAB";
    private const string KnownSrtp = "800F1234DECAFBADCAFEBABE" + "4E55DC4CE79978D88CA4D215949D2402" + "B78D6ACC99EA179B8DBB";

    /// <summary>libsrtp's SRTCP of a 24-byte SR header with 0xAB filler, SRTCP index 1 (libsrtp starts at 1).</summary>
    private const string KnownRtcp = "81C8000BCAFEBABE" + "ABABABABABABABABABABABABABABABAB";
    private const string KnownSrtcp = "81C8000BCAFEBABE" + "7128035BE487B9BDBEF89041F977A5A8" + "80000001" + "993E08CD54D6C1230798";

    [Fact]
    public void TryProtect_KnownPacket_GivesLibSrtpBytesAndUnprotectsBack()
    {
        using var pair = new SrtpPair(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.Rfc3711KeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        var packet = new byte[64];
        Convert.FromHexString(KnownRtp).CopyTo(packet, 0);

        Assert.Equal(SrtpResult.Ok, sender.TryProtect(packet, 28, out int protectedLength));
        Assert.Equal(KnownSrtp, Convert.ToHexString(packet, 0, protectedLength));

        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(packet, protectedLength, out int length));
        Assert.Equal(KnownRtp, Convert.ToHexString(packet, 0, length));
    }

    [Fact]
    public void TryProtectRtcp_KnownPacket_SecondIndexGivesLibSrtpBytesAndUnprotectsBack()
    {
        using var pair = new SrtpPair(SrtpSuite.AesCm128HmacSha1Tag32, SrtpTestPackets.Rfc3711KeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        var packet = new byte[64];
        Convert.FromHexString(KnownRtcp).CopyTo(packet, 0);
        Assert.Equal(SrtpResult.Ok, sender.TryProtectRtcp(packet, 24, out int first));
        Assert.Equal("80000000", Convert.ToHexString(packet, 24, 4)); // RFC 3711 3.4: our first index is 0

        Convert.FromHexString(KnownRtcp).CopyTo(packet, 0);
        Assert.Equal(SrtpResult.Ok, sender.TryProtectRtcp(packet, 24, out int second));

        Assert.Equal(first, second);
        Assert.Equal(KnownSrtcp, Convert.ToHexString(packet, 0, second));
        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotectRtcp(packet, second, out int length));
        Assert.Equal(KnownRtcp, Convert.ToHexString(packet, 0, length));
    }

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag80, false)]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag32, false)]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag80, true)]
    public void TryProtectThenUnprotect_ManyPackets_RestoresEachAndEncryptsOnlyThePayload(SrtpSuite suite, bool csrcAndExtension)
    {
        using var pair = new SrtpPair(suite, SrtpTestPackets.OtherKeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        int header = csrcAndExtension ? 28 : 12;
        for (int i = 0; i < 50; i++)
        {
            byte[] original = SrtpTestPackets.Rtp((ushort)(1000 + i), Ssrc, 20 + i, csrcAndExtension);
            byte[] packet = (byte[])original.Clone();
            int length = SrtpTestPackets.Length(original);

            Assert.Equal(SrtpResult.Ok, sender.TryProtect(packet, length, out int protectedLength));
            Assert.Equal(length + SrtpSuites.GetRtpTagLength(suite), protectedLength);
            Assert.Equal(sender.RtpOverhead, protectedLength - length);
            Assert.Equal(original.AsSpan(0, header).ToArray(), packet.AsSpan(0, header).ToArray());
            Assert.NotEqual(original.AsSpan(header, length - header).ToArray(), packet.AsSpan(header, length - header).ToArray());

            Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(packet, protectedLength, out int unprotectedLength));
            Assert.Equal(length, unprotectedLength);
            Assert.Equal(original.AsSpan(0, length).ToArray(), packet.AsSpan(0, length).ToArray());
        }
    }

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag80)]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag32)]
    public void TryUnprotect_AnyByteFlipped_RejectedAndPacketUntouched(SrtpSuite suite)
    {
        using var pair = new SrtpPair(suite, SrtpTestPackets.OtherKeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        byte[] good = pair.Protect(SrtpTestPackets.Rtp(7, Ssrc, 160, csrcAndExtension: true));
        int length = good.Length;

        foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (int i = 0; i < length; i++)
            {
                byte[] tampered = (byte[])good.Clone();
                tampered[i] ^= mask;
                byte[] before = (byte[])tampered.Clone();

                SrtpResult result = receiver.TryUnprotect(tampered, length, out int newLength);

                Assert.NotEqual(SrtpResult.Ok, result);
                Assert.Equal(length, newLength);
                Assert.Equal(before, tampered);
                if (i >= 12 && i is not (22 or 23))
                {
                    // CSRCs, extension, payload, tag; a larger extension length (bytes 22-23) runs past the end: Malformed.
                    Assert.Equal(SrtpResult.AuthenticationFailed, result);
                }
            }
        }

        // The untampered packet still passes: no rejected packet moved the replay window.
        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(good, length, out _));
    }

    [Fact]
    public void TryUnprotect_WrongKey_AuthenticationFailed()
    {
        using var sender = SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt);
        using var receiver = SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.Rfc3711KeySalt);
        byte[] packet = SrtpTestPackets.Rtp(7, Ssrc);
        Assert.Equal(SrtpResult.Ok, sender.TryProtect(packet, SrtpTestPackets.Length(packet), out int length));

        Assert.Equal(SrtpResult.AuthenticationFailed, receiver.TryUnprotect(packet, length, out _));
    }

    [Fact]
    public void TryUnprotect_EveryTruncation_RejectedWithoutException()
    {
        using var pair = new SrtpPair(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        byte[] packet = pair.Protect(SrtpTestPackets.Rtp(7, Ssrc, 160, csrcAndExtension: true));

        for (int n = 0; n < packet.Length; n++)
        {
            byte[] copy = packet.AsSpan(0, n).ToArray();
            SrtpResult result = receiver.TryUnprotect(copy, n, out _);
            Assert.NotEqual(SrtpResult.Ok, result);
            if (n < 12 + 10)
            {
                Assert.Equal(SrtpResult.TooShort, result);
            }

            copy = packet.AsSpan(0, n).ToArray();
            Assert.NotEqual(SrtpResult.Ok, receiver.TryUnprotectRtcp(copy, n, out _));
        }
    }

    [Fact]
    public void TryUnprotect_Replayed_ReplayedThenTooOldOutsideTheWindow()
    {
        using var pair = new SrtpPair(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        var sent = new List<byte[]>();
        for (int i = 0; i < 200; i++)
        {
            sent.Add(pair.Protect(SrtpTestPackets.Rtp((ushort)(40000 + i), Ssrc)));
        }

        // Out of order inside the window is fine, once.
        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(Copy(sent[10]), sent[10].Length, out _));
        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(Copy(sent[12]), sent[12].Length, out _));
        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(Copy(sent[11]), sent[11].Length, out _));
        Assert.Equal(SrtpResult.Replayed, receiver.TryUnprotect(Copy(sent[11]), sent[11].Length, out _));
        Assert.Equal(SrtpResult.Replayed, receiver.TryUnprotect(Copy(sent[12]), sent[12].Length, out _));

        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(Copy(sent[199]), sent[199].Length, out _));
        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(Copy(sent[199 - 127]), sent[199 - 127].Length, out _));
        Assert.Equal(SrtpResult.TooOld, receiver.TryUnprotect(Copy(sent[199 - 128]), sent[199 - 128].Length, out _));
        Assert.Equal(SrtpResult.TooOld, receiver.TryUnprotect(Copy(sent[10]), sent[10].Length, out _));
    }

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag80)]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag32)]
    public void TryProtect_SequenceWrapsPast0xFFFF_RocAdvancesAndLatePacketFromBeforeTheWrapStillUnprotects(SrtpSuite suite)
    {
        using var pair = new SrtpPair(suite, SrtpTestPackets.OtherKeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        var sent = new List<(byte[] Packet, byte[] Original)>();
        for (int i = 0; i < 20; i++)
        {
            ushort sequence = (ushort)(65526 + i); // 65526 .. 65535, then 0 .. 9
            byte[] packet = SrtpTestPackets.Rtp(sequence, Ssrc);
            byte[] original = packet.AsSpan(0, SrtpTestPackets.Length(packet)).ToArray();
            Assert.Equal(SrtpResult.Ok, sender.TryProtect(packet, original.Length, out int length));
            sent.Add((packet.AsSpan(0, length).ToArray(), original));
        }

        // 65535 arrives after 0 and 1 (ROC 0 while the receiver is at ROC 1).
        int[] order = [.. Enumerable.Range(0, 9), 10, 11, 9, .. Enumerable.Range(12, 8)];
        foreach (int i in order)
        {
            byte[] packet = Copy(sent[i].Packet);
            Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(packet, packet.Length, out int length));
            Assert.Equal(sent[i].Original, packet.AsSpan(0, length).ToArray());
        }

        // The tag after the wrap covers ROC 1: with ROC 0 in its place it would not verify.
        byte[] afterWrap = sent[12].Packet;
        using var fresh = SrtpContext.Create(suite, SrtpTestPackets.OtherKeySalt);
        Assert.Equal(SrtpResult.AuthenticationFailed, fresh.TryUnprotect(Copy(afterWrap), afterWrap.Length, out _));
    }

    [Fact]
    public void TryUnprotect_TwoSources_KeepSeparateSequenceSpaces()
    {
        using var pair = new SrtpPair(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        for (int i = 0; i < 10; i++)
        {
            foreach ((uint ssrc, ushort first) in new[] { (1u, (ushort)100), (2u, (ushort)60000) })
            {
                byte[] packet = pair.Protect(SrtpTestPackets.Rtp((ushort)(first + i), ssrc));
                Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(packet, packet.Length, out _));
            }
        }
    }

    [Fact]
    public void TryProtectRtcp_IndexCountsFromZero_ReceiverRejectsReplayAndTampering()
    {
        using var pair = new SrtpPair(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        var sent = new List<byte[]>();
        for (uint i = 0; i < 5; i++)
        {
            byte[] packet = SrtpTestPackets.Rtcp(Ssrc, (byte)i);
            byte[] original = packet.AsSpan(0, SrtpTestPackets.Length(packet)).ToArray();
            Assert.Equal(SrtpResult.Ok, sender.TryProtectRtcp(packet, original.Length, out int length));
            Assert.Equal(original.Length + sender.RtcpOverhead, length);
            Assert.Equal(0x8000_0000u | i, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(original.Length)));
            Assert.Equal(original.AsSpan(0, 8).ToArray(), packet.AsSpan(0, 8).ToArray());
            sent.Add(packet.AsSpan(0, length).ToArray());

            byte[] received = Copy(sent[^1]);
            Assert.Equal(SrtpResult.Ok, receiver.TryUnprotectRtcp(received, length, out int rtcpLength));
            Assert.Equal(original, received.AsSpan(0, rtcpLength).ToArray());
        }

        Assert.Equal(SrtpResult.Replayed, receiver.TryUnprotectRtcp(Copy(sent[3]), sent[3].Length, out _));
        for (int i = 0; i < sent[4].Length; i++)
        {
            byte[] tampered = Copy(sent[4]);
            tampered[i] ^= 0x40;
            Assert.NotEqual(SrtpResult.Ok, receiver.TryUnprotectRtcp(tampered, tampered.Length, out _));
        }
    }

    [Fact]
    public void TryUnprotectRtcp_UnencryptedFlag_AuthenticatesWithoutDecrypting()
    {
        // E = 0 (RFC 3711 3.4): the tag is HMAC-SHA1 under the SRTCP authentication key (label 4), computed here
        // apart from the context.
        byte[] keySalt = SrtpTestPackets.OtherKeySalt;
        using var prf = new AesCounterKeystream(keySalt.AsSpan(0, 16));
        var authKey = new byte[20];
        SrtpKeyDerivation.Derive(prf, keySalt.AsSpan(16), SrtpKeyDerivation.RtcpAuthenticationLabel, authKey);
        byte[] packet = SrtpTestPackets.Rtcp(Ssrc, 0x5A);
        int length = SrtpTestPackets.Length(packet);
        byte[] original = packet.AsSpan(0, length).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(length), 42);
#pragma warning disable CA5350 // HMAC-SHA1 is what RFC 3711 specifies for these suites.
        byte[] mac = System.Security.Cryptography.HMACSHA1.HashData(authKey, packet.AsSpan(0, length + 4));
#pragma warning restore CA5350
        mac.AsSpan(0, 10).CopyTo(packet.AsSpan(length + 4));
        using var receiver = SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag80, keySalt);

        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotectRtcp(packet, length + 14, out int rtcpLength));

        Assert.Equal(original, packet.AsSpan(0, rtcpLength).ToArray());
    }

    [Fact]
    public void Mki_CarriedBeforeTheTag_OtherMkiIsUnknown()
    {
        byte[] mki = SrtpContextOptions.EncodeMki(258, 4);
        Assert.Equal("00000102", Convert.ToHexString(mki));
        var options = new SrtpContextOptions { Mki = mki };
        using var pair = new SrtpPair(SrtpSuite.AesCm128HmacSha1Tag32, SrtpTestPackets.OtherKeySalt, options);
        (SrtpContext sender, SrtpContext receiver) = (pair.Sender, pair.Receiver);
        using var other = SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag32, SrtpTestPackets.OtherKeySalt, new SrtpContextOptions { Mki = SrtpContextOptions.EncodeMki(259, 4) });
        byte[] packet = SrtpTestPackets.Rtp(5, Ssrc);
        int length = SrtpTestPackets.Length(packet);

        Assert.Equal(SrtpResult.Ok, sender.TryProtect(packet, length, out int protectedLength));
        Assert.Equal(length + 4 + 4, protectedLength);
        Assert.Equal(mki, packet.AsSpan(length, 4).ToArray());
        Assert.Equal(SrtpResult.UnknownMki, other.TryUnprotect(Copy(packet), protectedLength, out _));
        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotect(packet, protectedLength, out int back));
        Assert.Equal(length, back);

        byte[] rtcp = SrtpTestPackets.Rtcp(Ssrc, 1);
        Assert.Equal(SrtpResult.Ok, sender.TryProtectRtcp(rtcp, SrtpTestPackets.Length(rtcp), out int rtcpLength));
        Assert.Equal(mki, rtcp.AsSpan(SrtpTestPackets.Length(rtcp) + 4, 4).ToArray());
        Assert.Equal(SrtpResult.UnknownMki, other.TryUnprotectRtcp(Copy(rtcp), rtcpLength, out _));
        Assert.Equal(SrtpResult.Ok, receiver.TryUnprotectRtcp(rtcp, rtcpLength, out _));
    }

    [Fact]
    public void MaxPackets_Reached_KeyExhausted()
    {
        var options = new SrtpContextOptions { MaxPackets = 3 };
        using var sender = SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt, options);
        for (int i = 0; i < 3; i++)
        {
            byte[] ok = SrtpTestPackets.Rtp((ushort)i, Ssrc);
            Assert.Equal(SrtpResult.Ok, sender.TryProtect(ok, SrtpTestPackets.Length(ok), out _));
        }

        byte[] packet = SrtpTestPackets.Rtp(3, Ssrc);
        Assert.Equal(SrtpResult.KeyExhausted, sender.TryProtect(packet, SrtpTestPackets.Length(packet), out _));
        byte[] rtcp = SrtpTestPackets.Rtcp(Ssrc, 0);
        Assert.Equal(SrtpResult.Ok, sender.TryProtectRtcp(rtcp, SrtpTestPackets.Length(rtcp), out _)); // counted apart
    }

    [Fact]
    public void TryProtect_NoRoomOrBadHeader_ReasonAndPacketUntouched()
    {
        using var sender = SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt);
        byte[] packet = SrtpTestPackets.Rtp(1, Ssrc);
        int length = SrtpTestPackets.Length(packet);
        byte[] tight = packet.AsSpan(0, length + 9).ToArray();
        byte[] before = (byte[])tight.Clone();

        Assert.Equal(SrtpResult.BufferTooSmall, sender.TryProtect(tight, length, out int newLength));
        Assert.Equal(length, newLength);
        Assert.Equal(before, tight);

        packet[0] = 0x40; // version 1
        Assert.Equal(SrtpResult.Malformed, sender.TryProtect(packet, length, out _));
        packet[0] = 0x8F; // 15 CSRCs: past the end of a 20-byte packet
        Assert.Equal(SrtpResult.Malformed, sender.TryProtect(packet, 20, out _));
        Assert.Equal(SrtpResult.TooShort, sender.TryProtect(packet, 11, out _));
        Assert.Equal(SrtpResult.TooShort, sender.TryProtectRtcp(packet, 7, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => sender.TryProtect(packet, packet.Length + 1, out _));
    }

    [Fact]
    public void TryCreate_PeerInput_UnknownSuiteOrWrongKeyLengthAreResults()
    {
        Assert.Equal(SrtpResult.UnknownSuite, SrtpContext.TryCreate("F8_128_HMAC_SHA1_80", SrtpTestPackets.OtherKeySalt, null, out SrtpContext? none));
        Assert.Null(none);
        Assert.Equal(SrtpResult.InvalidKey, SrtpContext.TryCreate("AES_CM_128_HMAC_SHA1_80", new byte[29], null, out none));
        Assert.Null(none);

        Assert.Equal(SrtpResult.Ok, SrtpContext.TryCreate("AES_CM_128_HMAC_SHA1_32", SrtpTestPackets.OtherKeySalt, null, out SrtpContext? context));
        using (context)
        {
            Assert.Equal(SrtpSuite.AesCm128HmacSha1Tag32, context!.Suite);
        }

        Assert.Throws<ArgumentException>(() => SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag80, new byte[16]));
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var context = SrtpContext.Create(SrtpSuite.AesCm128HmacSha1Tag80, SrtpTestPackets.OtherKeySalt);
        context.Dispose();
        context.Dispose();
        byte[] packet = SrtpTestPackets.Rtp(1, Ssrc);

        Assert.Throws<ObjectDisposedException>(() => context.TryProtect(packet, SrtpTestPackets.Length(packet), out _));
        Assert.Throws<ObjectDisposedException>(() => context.TryUnprotectRtcp(packet, SrtpTestPackets.Length(packet), out _));
    }

    private static byte[] Copy(byte[] packet) => (byte[])packet.Clone();
}

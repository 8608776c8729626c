using CallSync.Sdp;
using static CallSync.Sip.Tests.Sdp.SdpTestOffers;

namespace CallSync.Sip.Tests.Sdp;

/// <summary>SDES (RFC 4568) in offers and answers, per <see cref="SdpEncryption"/> mode.</summary>
public sealed class SdpSrtpOfferAnswerTests
{
    // RFC 4568 section 9.1's example key material (30 bytes), and a second valid key.
    private const string PeerKey = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    private const string OtherKey = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    private static SdpLocalMedia Mode(SdpEncryption encryption) => Local(SdpCodec.Pcmu) with { Encryption = encryption };

    private static List<SdpCryptoAttribute> CryptoLines(SdpMediaDescription m) =>
        [.. m.Attributes.Where(a => a.Name == "crypto").Select(a => SdpCryptoAttribute.TryParse(a.Value, out var c, out _) ? c! : throw new InvalidOperationException(a.Value))];

    [Theory]
    [InlineData(SdpEncryption.Off, "RTP/AVP", 0)]
    [InlineData(SdpEncryption.Optional, "RTP/AVP", 2)]
    [InlineData(SdpEncryption.Required, "RTP/SAVP", 2)]
    public void CreateOffer_EachMode_ProfileAndCryptoLines(SdpEncryption encryption, string profile, int lines)
    {
        var m = SdpOfferAnswer.CreateOffer(Mode(encryption)).Media[0];

        Assert.Equal(profile, m.Protocol);
        var crypto = CryptoLines(m);
        Assert.Equal(lines, crypto.Count);
        if (lines > 0)
        {
            Assert.Equal([SdpSrtp.AesCm128HmacSha1Tag80, SdpSrtp.AesCm128HmacSha1Tag32], crypto.Select(c => c.Suite));
            Assert.Equal([1, 2], crypto.Select(c => c.Tag));
            Assert.All(crypto, c => Assert.Equal(30, c.Keys[0].KeySalt.Length));
            Assert.False(crypto[0].Keys[0].KeySalt.SequenceEqual(crypto[1].Keys[0].KeySalt), "each line has its own key");
        }
    }

    [Fact]
    public void CreateOffer_TwoCalls_NeverTheSameKey()
    {
        var first = CryptoLines(SdpOfferAnswer.CreateOffer(Mode(SdpEncryption.Required)).Media[0])[0];
        var second = CryptoLines(SdpOfferAnswer.CreateOffer(Mode(SdpEncryption.Required)).Media[0])[0];

        Assert.False(first.Keys[0].KeySalt.SequenceEqual(second.Keys[0].KeySalt));
    }

    [Theory]
    [InlineData(SdpEncryption.Optional, "RTP/AVP")]
    [InlineData(SdpEncryption.Required, "RTP/SAVP")]
    [InlineData(SdpEncryption.Required, "RTP/AVP")]
    public void CreateAnswer_KeyedOffer_PicksFirstSupportedLineWithOurOwnFreshKey(SdpEncryption encryption, string profile)
    {
        var offer = Audio("0", $"a=crypto:7 AES_256_CM_HMAC_SHA1_80 inline:{PeerKey}{PeerKey}\r\na=crypto:8 AES_CM_128_HMAC_SHA1_32 inline:{PeerKey}\r\na=crypto:9 AES_CM_128_HMAC_SHA1_80 inline:{OtherKey}\r\n", protocol: profile);

        var answer = SdpOfferAnswer.CreateAnswer(offer, Mode(encryption));

        Assert.NotNull(answer.Media);
        Assert.Equal(profile, answer.Session.Media[0].Protocol);
        var ours = Assert.Single(CryptoLines(answer.Session.Media[0]));
        Assert.Equal(8, ours.Tag);
        Assert.Equal(SdpSrtp.AesCm128HmacSha1Tag32, ours.Suite);
        Assert.False(ours.Keys[0].KeySalt.SequenceEqual(Convert.FromBase64String(PeerKey)), "our sending key is ours, not the peer's");
        Assert.True(answer.Media!.IsEncrypted);
        Assert.Equal(Convert.FromBase64String(PeerKey), answer.Media.RemoteCrypto!.Keys[0].KeySalt.ToArray());
        Assert.Equal(ours.Keys[0].KeySalt.ToArray(), answer.Media.LocalCrypto!.Keys[0].KeySalt.ToArray());
    }

    [Fact]
    public void CreateAnswer_SameOfferTwice_FreshKeyEachTime()
    {
        var offer = Audio("0", $"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{PeerKey}\r\n");

        var first = SdpOfferAnswer.CreateAnswer(offer, Mode(SdpEncryption.Optional)).Media!.LocalCrypto!;
        var second = SdpOfferAnswer.CreateAnswer(offer, Mode(SdpEncryption.Optional)).Media!.LocalCrypto!;

        Assert.False(first.Keys[0].KeySalt.SequenceEqual(second.Keys[0].KeySalt));
    }

    [Theory]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + PeerKey + " UNENCRYPTED_SRTP\r\n", "session parameters UNENCRYPTED_SRTP")]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + PeerKey + "|2^20|1:4;inline:" + OtherKey + "|2^20|2:4\r\n", "several master keys")]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA\r\n", "inline key is 3 bytes")]
    [InlineData("a=crypto:1 F8_128_HMAC_SHA1_80 inline:" + PeerKey + "\r\n", "suite F8_128_HMAC_SHA1_80 not supported")]
    [InlineData("a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:" + PeerKey + "\r\n", "tag is not")]
    [InlineData("", "offer has no a=crypto line")]
    public void CreateAnswer_RequiredWithoutUsableLine_Refused399WithTheReason(string crypto, string reasonMentions)
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", crypto), Mode(SdpEncryption.Required));

        Assert.Null(answer.Media);
        Assert.Equal(SdpRefusal.Miscellaneous, answer.WarningCode);
        Assert.StartsWith("SRTP required", answer.Reason, StringComparison.Ordinal);
        Assert.Contains(reasonMentions, answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAnswer_UnusableLineThenUsableOne_SkipsTheFirst()
    {
        var offer = Audio("0", $"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{PeerKey} FEC_ORDER=SRTP_FEC\r\na=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:{PeerKey}|2^31|1:1\r\n");

        var answer = SdpOfferAnswer.CreateAnswer(offer, Mode(SdpEncryption.Required));

        Assert.Equal(2, answer.Media!.LocalCrypto!.Tag);
        Assert.Equal(1UL << 31, answer.Media.RemoteCrypto!.Keys[0].Lifetime);
        Assert.Equal(1, answer.Media.RemoteCrypto.Keys[0].MkiLength);
    }

    [Fact]
    public void CreateAnswer_OptionalToPlainOffer_PlainRtp()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0"), Mode(SdpEncryption.Optional));

        Assert.False(answer.Media!.IsEncrypted);
        Assert.Empty(CryptoLines(answer.Session.Media[0]));
    }

    [Fact]
    public void CreateAnswer_OptionalToSavpWithoutUsableLine_Refused()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", protocol: "RTP/SAVP"), Mode(SdpEncryption.Optional));

        Assert.Null(answer.Media);
        Assert.Contains("RTP/SAVP offered", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAnswer_OffToKeyedAvpOffer_IgnoresTheKeys()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", $"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{PeerKey}\r\n"), Mode(SdpEncryption.Off));

        Assert.False(answer.Media!.IsEncrypted);
        Assert.Empty(CryptoLines(answer.Session.Media[0]));
    }

    [Fact]
    public void CreateAnswer_OffToSavpOffer_Refused302()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", $"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{PeerKey}\r\n", protocol: "RTP/SAVP"), Mode(SdpEncryption.Off));

        Assert.Null(answer.Media);
        Assert.Equal(SdpRefusal.IncompatibleTransportProtocol, answer.WarningCode);
    }

    [Fact]
    public void TryReadAnswer_RoundTripBetweenTwoSides_EachSideHasTheOthersSendingKey()
    {
        var offer = SdpOfferAnswer.CreateOffer(Mode(SdpEncryption.Required));
        var answer = SdpOfferAnswer.CreateAnswer(Parse(SdpWriter.Write(offer)), Mode(SdpEncryption.Required));

        Assert.True(SdpOfferAnswer.TryReadAnswer(offer, Parse(SdpWriter.Write(answer.Session)), out var read, out var error), error);
        Assert.Equal(answer.Media!.LocalCrypto!.Keys[0].KeySalt.ToArray(), read!.RemoteCrypto!.Keys[0].KeySalt.ToArray());
        Assert.Equal(answer.Media.RemoteCrypto!.Keys[0].KeySalt.ToArray(), read.LocalCrypto!.Keys[0].KeySalt.ToArray());
        Assert.Equal(SdpSrtp.AesCm128HmacSha1Tag80, read.LocalCrypto.Suite);
    }

    [Fact]
    public void TryReadAnswer_RequiredOfferPlainAnswer_Error()
    {
        var offer = SdpOfferAnswer.CreateOffer(Mode(SdpEncryption.Required));

        Assert.False(SdpOfferAnswer.TryReadAnswer(offer, Audio("0"), out _, out var error));
        Assert.Contains("SRTP required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAnswer_OptionalOfferPlainAnswer_PlainRtp()
    {
        var offer = SdpOfferAnswer.CreateOffer(Mode(SdpEncryption.Optional));

        Assert.True(SdpOfferAnswer.TryReadAnswer(offer, Audio("0"), out var media, out var error), error);
        Assert.False(media!.IsEncrypted);
    }

    [Theory]
    [InlineData("a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:" + PeerKey + "\r\n", "matches no offered line")]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:" + PeerKey + "\r\n", "matches no offered line")]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA\r\n", "inline key is 3 bytes")]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 dtls:" + PeerKey + "\r\n", "key method is not inline")]
    public void TryReadAnswer_AnswerCryptoNotMatchingOurs_ErrorWithReason(string crypto, string reasonMentions)
    {
        var offer = SdpOfferAnswer.CreateOffer(Mode(SdpEncryption.Optional));

        Assert.False(SdpOfferAnswer.TryReadAnswer(offer, Audio("0", crypto), out _, out var error));
        Assert.Contains(reasonMentions, error, StringComparison.Ordinal);
    }
}

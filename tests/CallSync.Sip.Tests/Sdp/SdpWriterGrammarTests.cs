using System.Text.RegularExpressions;
using CallSync.Sdp;
using CallSync.Sip.Tests.Sdp.Grammar;

namespace CallSync.Sip.Tests.Sdp;

/// <summary>
/// Property-style: every description the agent can write (offers and answers over address families, directions,
/// codec sets and orders, telephone-event and comfort noise at every rate, Opus parameters, ptime and maxptime,
/// origin extremes) passes the independent RFC 8866 checker, and the fmtp values pass their own RFCs' grammars.
/// </summary>
public sealed partial class SdpWriterGrammarTests
{
    private const int Cases = 400;

    // A 16 kHz codec is not one the agent has, but the writer must handle telephone-event and CN at 16000 for it.
    private static readonly SdpCodec L16Wideband = new("L16", 16000, 1, 98);

    private static readonly SdpCodec[] CodecPool = [SdpCodec.G722, SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.Opus, L16Wideband];

    private static readonly string?[] OpusFmtps =
    [
        null,
        SdpCodec.Opus.Fmtp,
        new SdpOpusParameters { MaxPlaybackRate = 16000, SpropMaxCaptureRate = 16000, MaxAverageBitrate = 32000, Stereo = false, SpropStereo = false, ConstantBitrate = false, UseInbandFec = true, UseDtx = false, MinPtime = 10, Ptime = 20, MaxPtime = 60 }.ToFmtp(),
    ];

    [Fact]
    public void CreateOffer_EveryLocalConfiguration_IsStrictRfc8866()
    {
        var random = new Random(8866);
        for (var i = 0; i < Cases; i++)
        {
            var local = RandomLocal(random);
            AssertValid(SdpWriter.Write(SdpOfferAnswer.CreateOffer(local)), local.ToString());
        }
    }

    [Fact]
    public void CreateAnswer_EveryLocalConfigurationToEveryOffer_IsStrictRfc8866()
    {
        var random = new Random(3264);
        for (var i = 0; i < Cases; i++)
        {
            var offerer = RandomLocal(random);
            var answerer = RandomLocal(random) with { Ipv6Address = "2001:db8::20" };
            var offer = SdpOfferAnswer.CreateOffer(offerer);
            var answer = SdpOfferAnswer.CreateAnswer(Reparse(offer), answerer, random.Next(2) == 0 ? SdpAnswerPolicy.OfferOrder : SdpAnswerPolicy.LocalOrder);
            AssertValid(SdpWriter.Write(answer.Session), $"{offerer} -> {answerer}");
            if (answer.Media is not null)
            {
                Assert.True(SdpOfferAnswer.TryReadAnswer(offer, Reparse(answer.Session), out var read, out var error), error);
                Assert.Equal(answer.Media.CodecName, read!.CodecName);
            }
        }
    }

    [Theory]
    [InlineData(SdpDirection.SendRecv)]
    [InlineData(SdpDirection.SendOnly)]
    [InlineData(SdpDirection.RecvOnly)]
    [InlineData(SdpDirection.Inactive)]
    public void CreateOffer_EachDirectionAndFamily_IsStrictRfc8866(SdpDirection direction)
    {
        foreach (var address in new[] { "192.0.2.10", "2001:db8::10", "::1", "0.0.0.0" })
        {
            var local = new SdpLocalMedia { Address = address, Port = 4000, Codecs = [SdpCodec.G722], Direction = direction };
            var text = SdpWriter.Write(SdpOfferAnswer.CreateOffer(local));
            AssertValid(text, address);
            Assert.Contains($"a={direction.ToAttributeName()}\r\n", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(8000, "101 telephone-event/8000")]
    [InlineData(16000, "96 telephone-event/16000")]
    [InlineData(48000, "102 telephone-event/48000")]
    public void CreateOffer_TelephoneEventAtEachRate_IsStrictRfc8866(int rate, string rtpmap)
    {
        var codec = CodecPool.First(c => c.ClockRate == rate);
        var text = SdpWriter.Write(SdpOfferAnswer.CreateOffer(new SdpLocalMedia { Address = "192.0.2.10", Port = 4000, Codecs = [codec], ComfortNoise = true }));

        AssertValid(text, rtpmap);
        Assert.Contains($"a=rtpmap:{rtpmap}\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(1UL, 1UL)]
    [InlineData(ulong.MaxValue, ulong.MaxValue)]
    public void CreateOffer_OriginExtremes_AreDigits(ulong id, ulong version)
    {
        var text = SdpWriter.Write(SdpOfferAnswer.CreateOffer(new SdpLocalMedia
        {
            Address = "192.0.2.10", Port = 4000, Codecs = [SdpCodec.Pcmu], SessionId = id, SessionVersion = version, UserName = "desk a",
        }));

        AssertValid(text, "origin");
        Assert.Contains($"\r\no=- {id} {version} IN IP4 192.0.2.10\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAnswer_RefusedOffers_AreStrictRfc8866()
    {
        string[] offers =
        [
            "m=video 5000 RTP/AVP 99\r\na=rtpmap:99 H264/90000\r\n",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n",
            "m=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4\r\n",
            "m=audio 5000 RTP/AVP 18\r\n",
            "m=audio 0 RTP/AVP 0\r\n",
        ];
        foreach (var media in offers)
        {
            var offer = Reparse("v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n" + media);
            var answer = SdpOfferAnswer.CreateAnswer(offer, new SdpLocalMedia { Address = "192.0.2.10", Port = 4000, Codecs = [SdpCodec.Pcmu] });
            Assert.Null(answer.Media);
            AssertValid(SdpWriter.Write(answer.Session), media);
        }
    }

    private static SdpLocalMedia RandomLocal(Random random)
    {
        var codecs = CodecPool.OrderBy(_ => random.Next()).Take(random.Next(1, CodecPool.Length + 1))
            .Select(c => c.IsOpus ? c with { Fmtp = OpusFmtps[random.Next(OpusFmtps.Length)] } : c)
            .ToList();
        return new SdpLocalMedia
        {
            Address = random.Next(3) == 0 ? "2001:db8::1" : "192.0.2.1",
            Port = random.Next(1024, 65536),
            Codecs = codecs,
            Ptime = new[] { 10, 20, 30, 40, 60 }[random.Next(5)],
            MaxPtime = new int?[] { null, 40, 60, 120 }[random.Next(4)],
            TelephoneEvent = random.Next(4) != 0,
            ComfortNoise = random.Next(2) == 0,
            Direction = (SdpDirection)random.Next(4),
            SessionId = (ulong)random.NextInt64(),
            SessionVersion = (ulong)random.Next(),
            UserName = new[] { "-", "desk-0001", "Bürotelefon", "two words" }[random.Next(4)],
            Encryption = (SdpEncryption)random.Next(3),
        };
    }

    private static SdpSessionDescription Reparse(SdpSessionDescription session) => Reparse(SdpWriter.Write(session));

    private static SdpSessionDescription Reparse(string text)
    {
        Assert.True(SdpParser.TryParse(text, out var parsed, out var error), error);
        return parsed!;
    }

    private static void AssertValid(string sdp, string what)
    {
        var problem = Rfc8866Grammar.Check(sdp);
        Assert.True(problem is null, $"{what}: {problem}\n{sdp}");

        // The fmtp of a known format also follows the format's own RFC.
        var encodings = RtpMap().Matches(sdp).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        foreach (Match fmtp in Fmtp().Matches(sdp))
        {
            var rule = encodings[fmtp.Groups[1].Value].ToUpperInvariant() switch
            {
                "OPUS" => SdpAttributeGrammar.OpusParameters,
                "TELEPHONE-EVENT" => SdpAttributeGrammar.EventList,
                var other => throw new Xunit.Sdk.XunitException($"{what}: unexpected fmtp for {other}"),
            };
            Assert.True(rule.Matches(fmtp.Groups[2].Value), $"{what}: a=fmtp:{fmtp.Groups[1].Value} {fmtp.Groups[2].Value} is not {rule.Name}");
        }
    }

    [GeneratedRegex(@"a=rtpmap:(\d+) ([^/\r]+)/")]
    private static partial Regex RtpMap();

    [GeneratedRegex(@"a=fmtp:(\d+) ([^\r]+)\r\n")]
    private static partial Regex Fmtp();
}

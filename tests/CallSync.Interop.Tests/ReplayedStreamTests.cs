using System.Text.Json.Nodes;
using CallSync.Testing.Audio;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Rtp;

namespace CallSync.Interop.Tests;

/// <summary>
/// Issue 12's receive path, proven with streams built by the test and replayed by sipp (no shipped captures): every
/// packetization, a new source, jumps, comfort noise, header extensions with CSRCs, an IPv6 offer and G.722. Each
/// call's recording must hold the sent tone (right channel) for at least 95 % of the time it was sent, at its
/// frequency, and its record must report no loss.
/// </summary>
[Trait("Category", "Interop")]
[Collection(MediaRunCollection.Name)]
public sealed class ReplayedStreamTests : IDisposable
{
    private const double Tone = 1000;
    private static readonly TimeSpan Talk = TimeSpan.FromSeconds(6);
    private readonly AgentSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public Task Pcmu20Ms_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Pcmu, 20));

    [Fact]
    public Task Pcmu10Ms_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Pcmu, 10));

    [Fact]
    public Task Pcmu30Ms_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Pcmu, 30));

    [Fact]
    public Task Pcmu40Ms_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Pcmu, 40));

    [Fact]
    public Task Pcmu60Ms_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Pcmu, 60));

    [Fact]
    public Task Opus10Ms_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Opus, 10));

    [Fact]
    public Task Opus20Ms_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Opus, 20));

    [Fact]
    public Task Opus40Ms_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Opus, 40));

    [Fact]
    public Task Opus60MsAsThreeFrames_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(ToneStream(RtpCodec.Opus, 60, frames: 3));

    [Fact]
    public Task NewSsrcHalfway_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(Builder().Tone(Tone, Talk / 2).NewSource().Tone(Tone, Talk / 2).Build());

    [Fact]
    public Task SequenceJumpOf1000_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(Builder().Tone(Tone, Talk / 2).JumpSequence(1000).Tone(Tone, Talk / 2).Build());

    [Fact]
    public Task TimestampJump_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(Builder().Tone(Tone, Talk / 2).JumpTimestamp(800_000).Tone(Tone, Talk / 2).Build());

    [Fact]
    public Task ComfortNoiseInSilences_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(
        Builder()
            .Tone(Tone, TimeSpan.FromSeconds(2)).Silence(TimeSpan.FromSeconds(1), SilenceMode.ComfortNoise)
            .Tone(Tone, TimeSpan.FromSeconds(2)).Silence(TimeSpan.FromSeconds(1), SilenceMode.ComfortNoise)
            .Tone(Tone, TimeSpan.FromSeconds(1))
            .Build(),
        offer => offer with { ComfortNoise = true });

    [Fact]
    public Task HeaderExtensionAndCsrcs_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(
        Builder()
            .WithCsrcs(0x11111111, 0x22222222, 0x33333333)
            .WithExtension(RtpHeaderExtension.OneByte((1, [0x85]), (3, [1, 2, 3, 4, 5, 6, 7])))
            .Tone(Tone, Talk)
            .Build());

    [Fact]
    public Task Ipv6OfferToAgentWithIpv6Rtp_Replayed_ToneRecordedWithoutLoss() => ExpectToneAsync(
        ToneStream(RtpCodec.Pcmu, 20),
        mediaAddress: "::1",
        config: json => json["Rtp"]!["Address6"] = "::1"); // the IPv6 address announced for media (issue 12 item 5); Rtp:Address stays IPv4

    [Fact]
    public async Task Ipv6OfferToIpv4OnlyAgent_Refused488WithWarningAndOneRecord()
    {
        using var agent = AgentProcess.Start("--config", _sandbox.WriteConfig());
        agent.WaitForLine(AgentProcess.ReadyLine, TimeSpan.FromSeconds(60));
        var scenario = _sandbox.File("uac-refused.xml");
        File.WriteAllText(scenario, SippScenario.UacRefused(new SdpOffer { Codecs = [RtpCodec.Pcmu] }, 488));
        using var sipp = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = _sandbox.Directory,
            ScenarioFile = scenario,
            Target = $"127.0.0.1:{_sandbox.SipPort}",
            MediaAddress = "::1",
            MediaPort = FreePort.UdpRange(4, System.Net.IPAddress.IPv6Loopback),
            TraceMessages = true,
            Arguments = ["-s", "1001", "-timeout", "30"],
        });

        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var context = $"{sipp.Describe()}\n--- SIP messages ---\n{sipp.ReadMessages()}\n--- agent ---\n{agent.Describe()}";
        Assert.True(exit == 0, $"an IPv6 offer to an agent without IPv6 media must get a clean 488 (sipp exit {exit})\n{context}");
        var refusal = sipp.ReadMessages().Split("\n\n").First(m => m.Contains("SIP/2.0 488", StringComparison.Ordinal));
        Assert.True(refusal.Contains("\nWarning:", StringComparison.OrdinalIgnoreCase), "the 488 has no Warning header:\n" + refusal);
        var record = Assert.Single(await _sandbox.WaitForRecordsAsync(1, TimeSpan.FromSeconds(20), () => context));
        Assert.True(record["sipStatus"]?.GetValue<int>() == 488, record.ToJsonString());
    }

    [Fact]
    public async Task G722OnlyOffer_Replayed_AnsweredWithG722AndRecordedWideband()
    {
        // 6 kHz is above what 8 kHz audio can carry: only a wideband path records it.
        var stream = new RtpStreamBuilder(RtpCodec.G722, TimeSpan.FromMilliseconds(20)).Tone(Tone, Talk / 2).Tone(6000, Talk / 2).Build();

        var call = await ReplayedCall.RunAsync(_sandbox, stream, Offer(stream));

        Assert.True(RecordFields.Text(call.Record, "codec") == "G722/8000", $"codec {call.Record["codec"]}, wanted G722/8000\n{call.Context}");
        Assert.True(call.Recording.Info.OriginalSampleRate == 16000, $"the recording was written from {call.Recording.Info.OriginalSampleRate} Hz audio, wanted 16000\n{call.Recording.Info.Output}");
        Assert.Equal(16000, RecordFields.SampleRate(call.Record));
        call.AssertToneRecorded(Tone);
        call.AssertToneRecorded(6000);
        call.AssertNoLossReported();
    }

    [Theory]
    [InlineData(20)]
    public Task SpeechAtPacketTime_Replayed_RecordingMatchesTheSentWaveform(int milliseconds) => ExpectSpeechAsync(milliseconds);

    [Fact]
    public Task SpeechAt30Ms_Replayed_RecordingMatchesTheSentWaveform() => ExpectSpeechAsync(30);

    private async Task ExpectSpeechAsync(int milliseconds)
    {
        var stream = new RtpStreamBuilder(RtpCodec.Pcmu, TimeSpan.FromMilliseconds(milliseconds)).Speech(Talk).Build();

        var call = await ReplayedCall.RunAsync(_sandbox, stream, Offer(stream));

        // Compared at the 8 kHz it was sent at: the 48 kHz decoding averaged down by 6.
        var right = Correlation.Decimate(call.Recording.Audio.Channel(DecodedRecording.Right), call.Recording.Audio.SampleRate / 8000);
        var (coefficient, lag) = Correlation.Best(stream.Audio, right, 3 * 8000);
        Assert.True(coefficient >= 0.85, $"the recording's right channel correlates {coefficient:F2} with the speech sent at {milliseconds} ms (best {lag / 8.0} ms in); wanted 0.85\n{call.Context}");
    }

    private static RtpStreamBuilder Builder() => new(RtpCodec.Pcmu, TimeSpan.FromMilliseconds(20));

    private static RtpStream ToneStream(RtpCodec codec, int milliseconds, int frames = 1) =>
        new RtpStreamBuilder(codec, TimeSpan.FromMilliseconds(milliseconds), frames).Tone(Tone, Talk).Build();

    private static SdpOffer Offer(RtpStream stream) => new() { Codecs = [stream.Codec], PacketTime = stream.PacketTime };

    private async Task ExpectToneAsync(RtpStream stream, Func<SdpOffer, SdpOffer>? offer = null, string mediaAddress = "127.0.0.1", Action<JsonObject>? config = null)
    {
        var call = await ReplayedCall.RunAsync(_sandbox, stream, (offer ?? (o => o))(Offer(stream)), mediaAddress, config);

        Assert.True(RecordFields.Text(call.Record, "result") == "answered", call.Record.ToJsonString());
        call.AssertToneRecorded(Tone);
        call.AssertNoLossReported();
    }
}

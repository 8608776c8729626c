using CallSync.Testing.Audio;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Linphone;
using Xunit.Abstractions;

namespace CallSync.Interop.Tests;

/// <summary>
/// Issue 12 against SIP software nobody here wrote: linphone (Debian linphone-cli 5.1.65) calls the agent and is
/// called by it, over UDP and TCP, with PCMU, PCMA, G.722 and Opus forced on linphone's side in turn. The call must
/// connect, RTP must flow both ways, and the recording's right channel must carry linphone's tone for at least 95 %
/// of the talk time, and the recording must last the record's talkSeconds (its timeline starts at the answer, however
/// long the media took to start).
/// </summary>
[Trait("Category", "Interop")]
[Collection(MediaRunCollection.Name)]
public sealed class LinphoneCallTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Talk = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan TwoPeriods = TimeSpan.FromMilliseconds(40);
    private readonly AgentSandbox _sandbox = new();

    public static TheoryData<string, LinphoneTransport> Codecs => new()
    {
        { "PCMU", LinphoneTransport.Udp }, { "PCMA", LinphoneTransport.Udp }, { "G722", LinphoneTransport.Udp }, { "opus", LinphoneTransport.Udp },
        { "PCMU", LinphoneTransport.Tcp }, { "PCMA", LinphoneTransport.Tcp }, { "G722", LinphoneTransport.Tcp }, { "opus", LinphoneTransport.Tcp },
    };

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [MemberData(nameof(Codecs))]
    public Task LinphoneCallsAgent_CodecForcedOverTransport_ConnectsBothWaysAndRecordsLinphonesTone(string codec, LinphoneTransport transport) =>
        TalkAsync(linphoneCalls: true, codec, transport);

    [Theory]
    [MemberData(nameof(Codecs))]
    public Task AgentCallsLinphone_CodecForcedOverTransport_ConnectsBothWaysAndRecordsLinphonesTone(string codec, LinphoneTransport transport) =>
        TalkAsync(linphoneCalls: false, codec, transport);

    private async Task TalkAsync(bool linphoneCalls, string codec, LinphoneTransport transport)
    {
        await using var call = await LinphoneCall.StartAsync(_sandbox, linphoneCalls, transport, new LinphoneOptions { Codecs = [codec] });
        await Task.Delay(Talk);
        await call.HangUpAsync(fromLinphone: linphoneCalls);
        var (record, recording) = await call.RecordAsync();

        var recorded = RecordFields.Text(record, "codec");
        Assert.True(recorded.StartsWith(codec, StringComparison.OrdinalIgnoreCase), $"the record's codec is {recorded}, linphone allowed only {codec}\n{record.ToJsonString()}");

        // RTP both ways: 20 ms packets, about 50 a second each way, and not many more (a sender gone wild).
        var statistics = call.Statistics();
        var talk = TimeSpan.FromSeconds(RecordFields.Number(record, "talkSeconds"));
        var least = (long)(Talk.TotalSeconds * 50 * 0.8);
        var most = (long)((talk.TotalSeconds + 1) * 50 * 1.2);
        output.WriteLine($"talk {RecordFields.Seconds(talk.TotalSeconds)}, recording {RecordFields.Seconds(recording.Audio.Duration.TotalSeconds)}, linphone sent {statistics.SentPackets} and received {statistics.ReceivedPackets} packets");
        Assert.True(
            statistics.SentPackets >= least && statistics.ReceivedPackets >= least && statistics.ReceivedPackets <= most,
            $"linphone sent {statistics.SentPackets} and received {statistics.ReceivedPackets} RTP packets in {RecordFields.Seconds(talk.TotalSeconds)} of talk (wanted {least}-{most} each way)\n{call.Context}");

        // From linphone's first tone (it plays only once told to, after the media runs; placed on the recording's
        // timeline, which starts at the answer; the margin for linphone's player) to the end of the talk time.
        var from = call.InRecording(call.ToneStarted, record) + Margin;
        var share = recording.Track(DecodedRecording.Right, LinphoneCall.LinphoneTone).ShareBetween(from, talk);
        Assert.True(share >= 0.95, $"the recording's right channel carries linphone's {LinphoneCall.LinphoneTone} Hz tone for {share:P0} of the talk time from {RecordFields.Seconds(from.TotalSeconds)} to {RecordFields.Seconds(talk.TotalSeconds)} (wanted 95 %; recording {RecordFields.Seconds(recording.Audio.Duration.TotalSeconds)})\n{record.ToJsonString()}\n{call.Context}");

        // The recording covers the talk time the record reports: its timeline starts at the answer (two periods for rounding).
        var length = recording.Audio.Duration;
        Assert.True(
            length >= talk - TwoPeriods,
            $"the recording lasts {RecordFields.Seconds(length.TotalSeconds)}, {(talk - length).TotalMilliseconds:F0} ms less than the record's talkSeconds {RecordFields.Seconds(talk.TotalSeconds)} (wanted at most {TwoPeriods.TotalMilliseconds} ms less)\n{record.ToJsonString()}\n{call.Context}");
    }
}

using CallSync.Testing.Audio;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Linphone;

namespace CallSync.Interop.Tests;

/// <summary>
/// Issue 12 with linphone: hold and resume from either side keep the recording's timeline (what was heard, when it
/// was heard), a hold placed by the desk phone sends no microphone audio, and digits from linphone, as RFC 4733
/// events or SIP INFO, reach the call record's <c>dtmf</c> field.
/// </summary>
[Trait("Category", "Interop")]
[Collection(MediaRunCollection.Name)]
public sealed class LinphoneHoldAndDtmfTests : IDisposable
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly AgentSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task HoldFromLinphone_ResumedAfterThreeSeconds_RecordingKeepsTheTimeline()
    {
        await using var call = await LinphoneCall.StartAsync(_sandbox, linphoneCalls: true, LinphoneTransport.Udp, new LinphoneOptions { Codecs = ["PCMU"] });
        await Task.Delay(Phase);
        var held = call.SinceAnswer;
        await call.Linphone.PauseAsync(call.CallId);
        await call.Linphone.WaitForCallStateAsync(call.CallId, LinphoneCallStatus.Paused, Patience);
        await Task.Delay(Phase);
        var resumed = call.SinceAnswer;
        await call.Linphone.ResumeAsync(call.CallId);
        await call.Linphone.WaitForCallStateAsync(call.CallId, LinphoneCallStatus.StreamsRunning, Patience);
        await call.Linphone.PlayAsync(call.TonePath, call.CallId); // the player stops while paused
        await Task.Delay(Phase);
        var ended = call.SinceAnswer;
        await call.HangUpAsync(fromLinphone: true);
        var (record, recording) = await call.RecordAsync();

        AssertTimeline(record, recording, ended);
        var remote = recording.Track(DecodedRecording.Right, LinphoneCall.LinphoneTone);
        AssertShare(remote, "linphone's tone before the hold", call.ToneStarted + Margin, held, atLeast: true, call);
        AssertShare(remote, "linphone's tone while linphone held the call", held + Margin, resumed, atLeast: false, call);
        AssertShare(remote, "linphone's tone after the resume", resumed + Margin + Margin, ended - Margin, atLeast: true, call);
    }

    [Fact]
    public async Task HoldFromDeskPhone_ResumedAfterThreeSeconds_NoMicrophoneWhileHeldAndTimelineKept()
    {
        await using var call = await LinphoneCall.StartAsync(_sandbox, linphoneCalls: true, LinphoneTransport.Udp, new LinphoneOptions { Codecs = ["PCMU"] });
        await Task.Delay(Phase);
        var held = call.SinceAnswer;
        await Toggle("on hold", call);
        await call.Linphone.WaitForCallStateAsync(call.CallId, LinphoneCallStatus.PausedByRemote, Patience);
        await Task.Delay(Phase);
        var resumed = call.SinceAnswer;
        await Toggle("resumed", call);
        await call.Linphone.WaitForCallStateAsync(call.CallId, LinphoneCallStatus.StreamsRunning, Patience);
        await call.Linphone.PlayAsync(call.TonePath, call.CallId);
        await Task.Delay(Phase);
        var ended = call.SinceAnswer;
        await call.HangUpAsync(fromLinphone: true);
        var (record, recording) = await call.RecordAsync();

        AssertTimeline(record, recording, ended);
        var desk = recording.Track(DecodedRecording.Left, LinphoneCall.DeskTone);
        var remote = recording.Track(DecodedRecording.Right, LinphoneCall.LinphoneTone);
        AssertShare(desk, "the desk phone's microphone before the hold", Margin, held, atLeast: true, call);
        AssertShare(desk, "the desk phone's microphone while it held the call (it must not be sent, nor recorded as sent)", held + Margin, resumed, atLeast: false, call);
        AssertShare(desk, "the desk phone's microphone after the resume", resumed + Margin + Margin, ended - Margin, atLeast: true, call);
        AssertShare(remote, "linphone's tone before the hold", call.ToneStarted + Margin, held, atLeast: true, call);
        AssertShare(remote, "linphone's tone after the resume", resumed + Margin + Margin, ended - Margin, atLeast: true, call);
    }

    [Theory]
    [InlineData(LinphoneDtmf.Rfc4733)]
    [InlineData(LinphoneDtmf.SipInfo)]
    public async Task DigitsFromLinphone_SentAs_ReachTheRecordsDtmfInOrder(LinphoneDtmf mode)
    {
        await using var call = await LinphoneCall.StartAsync(_sandbox, linphoneCalls: true, LinphoneTransport.Udp, new LinphoneOptions { Codecs = ["PCMU"], Dtmf = mode });
        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var digit in "15#")
        {
            await call.Linphone.SendDtmfAsync(digit);
            await Task.Delay(TimeSpan.FromMilliseconds(800));
        }

        await call.HangUpAsync(fromLinphone: true);
        var (record, _) = await call.RecordAsync();

        var digits = RecordFields.Digits(record);
        Assert.True(string.Concat(digits.Select(d => d.Digit)) == "15#", $"the record's dtmf holds {string.Concat(digits.Select(d => d.Digit))}, linphone sent 15# as {mode}\n{record.ToJsonString()}\n{call.Context}");
        var talk = RecordFields.Number(record, "talkSeconds");
        Assert.True(digits.Zip(digits.Skip(1)).All(p => p.First.Offset < p.Second.Offset) && digits.All(d => d.Offset >= 0 && d.Offset <= talk),
            $"the digits' offsets are not rising within the {talk} s talk time: {string.Join(", ", digits)}");
    }

    private static void AssertTimeline(System.Text.Json.Nodes.JsonObject record, DecodedRecording recording, TimeSpan talked)
    {
        var length = recording.Audio.Duration;
        Assert.True((length - talked).Duration() <= TimeSpan.FromSeconds(1),
            $"the recording is {RecordFields.Seconds(length.TotalSeconds)} for about {RecordFields.Seconds(talked.TotalSeconds)} of call: the hold's time is not kept\n{record.ToJsonString()}");
    }

    private static void AssertShare(ToneTrack track, string what, TimeSpan from, TimeSpan to, bool atLeast, LinphoneCall call)
    {
        var share = track.ShareBetween(from, to);
        var span = $"{RecordFields.Seconds(from.TotalSeconds)} to {RecordFields.Seconds(to.TotalSeconds)}";
        Assert.True(atLeast ? share >= 0.95 : share <= 0.05,
            $"{what}: the {track.Frequency} Hz tone fills {share:P0} of the recording from {span} (wanted {(atLeast ? "at least 95 %" : "at most 5 %")})\n{call.Context}");
    }

    private async Task Toggle(string expected, LinphoneCall call)
    {
        var hold = await _sandbox.ControlAsync("hold");
        Assert.True(hold.Text.Contains(expected, StringComparison.Ordinal), $"hold: {hold.Exit} {hold.Text}\n{call.Context}");
    }
}

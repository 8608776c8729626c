using System.Text.Json.Nodes;
using CallSync.Testing.Audio;
using CallSync.Testing.Codecs;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Linphone;
using CallSync.Testing.Processes;
using CallSync.Testing.Rtp;
using CallSync.Testing.Waiting;
using Xunit.Abstractions;

namespace CallSync.Interop.Tests;

/// <summary>
/// Issue 13, SRTP against software nobody here wrote: linphone with SRTP mandatory (SDES) calls the agent with
/// <c>Rtp:Encryption=required</c> and is called by it. Signalling is UDP with <c>Rtp:AllowSdesOverPlainSip</c> (the
/// record then says <c>srtp</c>). The decrypted recording carries linphone's tone, while what a raw socket sees on the
/// loopback towards the agent's RTP ports does not decode as the tone; a plain-RTP offer is refused with 488.
/// </summary>
[Trait("Category", "Interop")]
[Collection(MediaRunCollection.Name)]
public sealed class LinphoneSrtpCallTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Talk = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);
    private readonly AgentSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private static void SrtpRequired(JsonObject config)
    {
        config["Rtp"]!["Encryption"] = "required";
        config["Rtp"]!["AllowSdesOverPlainSip"] = true;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SrtpCall_LinphoneMandatoryAgentRequired_CiphertextOnTheWireToneInTheRecording(bool linphoneCalls)
    {
        using var capture = LoopbackUdpCapture.Start(_sandbox.RtpMin, _sandbox.RtpMin + AgentSandbox.RtpPorts - 1);
        await using var call = await LinphoneCall.StartAsync(
            _sandbox, linphoneCalls, LinphoneTransport.Udp, new LinphoneOptions { Codecs = ["PCMU"], SrtpMandatory = true }, SrtpRequired);
        await Task.Delay(Talk);
        await call.HangUpAsync(fromLinphone: linphoneCalls);
        var (record, recording) = await call.RecordAsync();

        Assert.True(RecordFields.Text(record, "security") == "srtp", $"security of the record\n{record.ToJsonString()}");
        Assert.StartsWith("PCMU", RecordFields.Text(record, "codec"), StringComparison.Ordinal);

        // Decrypted: the recording's right channel carries linphone's tone.
        var talk = TimeSpan.FromSeconds(RecordFields.Number(record, "talkSeconds"));
        var from = call.InRecording(call.ToneStarted, record) + Margin;
        var share = recording.Track(DecodedRecording.Right, LinphoneCall.LinphoneTone).ShareBetween(from, talk);
        Assert.True(share >= 0.9, $"the recording carries linphone's tone for {share:P0} of the talk time from {RecordFields.Seconds(from.TotalSeconds)} (wanted 90 %)\n{call.Context}");

        // On the wire: linphone's RTP to the agent, its payload decoded as the PCMU it claims to be, has no tone.
        var rtp = capture.Payloads.Where(IsPcmuRtp).ToList();
        Assert.True(rtp.Count >= Talk.TotalSeconds * 50 * 0.8, $"{rtp.Count} RTP packets captured towards the agent\n{call.Context}");
        short[] wire = [.. rtp.SelectMany(p => p[HeaderLength(p)..^10]).Select(G711.MuLawToLinear)];
        var onTheWire = Goertzel.Amplitude(wire, LinphoneCall.LinphoneTone, 8000);
        output.WriteLine($"{rtp.Count} packets captured; {LinphoneCall.LinphoneTone} Hz amplitude of the wire payload decoded as PCMU: {onTheWire:F0}; tone share in the recording {share:P0}");
        Assert.True(onTheWire < ToneTrack.MinimumAmplitude, $"the captured payload decodes to a {onTheWire:F0} amplitude {LinphoneCall.LinphoneTone} Hz tone: not encrypted?");
    }

    [Fact]
    public async Task PlainOffer_AgentRequired_Refused488WithTheReason()
    {
        using var agent = AgentProcess.Start("--config", _sandbox.WriteConfig(SrtpRequired));
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        using var linphone = await LinphoneDaemon.StartAsync(new LinphoneOptions { Codecs = ["PCMU"] });

        var call = await linphone.CallAsync($"sip:1001@127.0.0.1:{_sandbox.SipPort}");
        var record = (await _sandbox.WaitForRecordsAsync(1, Patience, () => agent.Describe(60))).Single();

        Assert.True(RecordFields.Number(record, "sipStatus") == 488, record.ToJsonString());
        Assert.Contains("SRTP required: offer has no a=crypto line", RecordFields.Text(record, "sipReason"), StringComparison.Ordinal);
        Assert.Equal("none", RecordFields.Text(record, "security"));
        await linphone.WaitForCallStateAsync(call, LinphoneCallStatus.Released, Patience);
    }

    // Version 2, payload type 0, a header, 20 bytes or more of payload and a tag; RTCP (types 200-204) is not.
    private static bool IsPcmuRtp(byte[] datagram) =>
        datagram.Length > 12 && datagram[0] >> 6 == 2 && (datagram[1] & 0x7F) == 0 && datagram.Length >= HeaderLength(datagram) + 20 + 10;

    // RFC 3550 5.1/5.3.1: the fixed header, the CSRCs, then a header extension when X is set (not encrypted by SRTP).
    private static int HeaderLength(byte[] datagram)
    {
        var length = 12 + (4 * (datagram[0] & 0x0F));
        if ((datagram[0] & 0x10) != 0 && datagram.Length >= length + 4)
        {
            length += 4 + (4 * ((datagram[length + 2] << 8) | datagram[length + 3]));
        }

        return Math.Min(length, datagram.Length);
    }
}

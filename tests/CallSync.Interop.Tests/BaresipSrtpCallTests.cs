using CallSync.Control;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Baresip;
using CallSync.Testing.Processes;

namespace CallSync.Interop.Tests;

/// <summary>
/// Issue 13, SRTP against a second implementation nobody here wrote: baresip with its srtp module and
/// <c>mediaenc=srtp-mand</c> (SDES, mandatory) calls the agent with <c>Rtp:Encryption=required</c> and is called by it.
/// Signalling is UDP with <c>Rtp:AllowSdesOverPlainSip</c>, so the record says <c>srtp</c>; the decrypted recording
/// carries baresip's tone. (linphone's SRTP calls also check the wire for ciphertext: LinphoneSrtpCallTests.)
/// </summary>
[Trait("Category", "Interop")]
[Collection(MediaRunCollection.Name)]
public sealed class BaresipSrtpCallTests : IDisposable
{
    private const int BaresipTone = 1000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly AgentSandbox _sandbox = new();
    private readonly TempDirectory _audio = new("callsync-baresip-srtp-");

    public void Dispose()
    {
        _sandbox.Dispose();
        _audio.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SrtpCall_BaresipMandatoryAgentRequired_EncryptedRecordCarriesBaresipsTone(bool baresipCalls)
    {
        using var agent = AgentProcess.Start("--config", _sandbox.WriteConfig(json =>
        {
            json["Rtp"]!["Encryption"] = "required";
            json["Rtp"]!["AllowSdesOverPlainSip"] = true;
        }));
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        var wav = _audio.File("tone.wav");
        WavFile.Write(wav, 8000, Signals.Tone(BaresipTone, 8000, TimeSpan.FromSeconds(30), amplitude: 8000));
        using var baresip = await BaresipProcess.StartAsync(new BaresipOptions { AudioSource = wav, Codecs = "PCMU", MediaEncryption = "srtp-mand" });

        if (baresipCalls)
        {
            await baresip.SendCommandAsync("dial", $"sip:1001@127.0.0.1:{_sandbox.SipPort}");
        }
        else
        {
            var dial = await _sandbox.ControlAsync("dial", baresip.Uri);
            Assert.True(dial.Exit == ControlExit.Ok, $"dial: {dial.Text}\n{agent.Describe()}");
        }

        await agent.WaitForLineAsync("Recording ", Patience);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(ControlExit.Ok, (await _sandbox.ControlAsync("hangup")).Exit);
        var record = (await _sandbox.WaitForRecordsAsync(1, Patience, () => Context(agent, baresip))).Single();

        Assert.True(RecordFields.Text(record, "result") == "answered", record.ToJsonString() + "\n" + Context(agent, baresip));
        Assert.Equal("srtp", RecordFields.Text(record, "security"));
        var recording = DecodedRecording.Decode(_sandbox.RecordingPath(RecordFields.RecordingId(record)));
        var talk = TimeSpan.FromSeconds(RecordFields.Number(record, "talkSeconds"));
        var share = recording.Track(DecodedRecording.Right, BaresipTone).ShareBetween(TimeSpan.FromSeconds(1), talk);
        Assert.True(share >= 0.8, $"baresip's tone on {share:P0} of the talk (wanted 80 %)\n{record.ToJsonString()}\n{Context(agent, baresip)}");
    }

    private static string Context(ChildProcess agent, BaresipProcess baresip) =>
        $"--- agent ---\n{agent.Describe()}\n--- baresip ---\n{baresip.Process.Describe(60)}";
}

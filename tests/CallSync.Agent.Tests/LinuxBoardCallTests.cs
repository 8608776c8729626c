using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;

namespace CallSync.Agent.Tests;

/// <summary>
/// The agent on Board:Kind = linux with no sound card: alsa-lib's file plugin plays a 400 Hz tone into the
/// microphone and records the speaker into a file, the system clock paces the frames, and sipp's uac calls in with
/// RTP echo. The tone must travel mic -> RTP -> sipp -> RTP -> speaker file.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class LinuxBoardCallTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new("callsync-linux-call-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SippCall_LinuxBoardOnAlsaFilePlugin_EchoedToneReachesTheSpeaker()
    {
        const int rate = 8000;
        var tone = new short[rate * 30];
        for (int i = 0; i < tone.Length; i++)
        {
            tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * 400 * i / rate));
        }

        var tonePath = _dir.File("tone.raw");
        var speakerPath = _dir.File("speaker.raw");
        File.WriteAllBytes(tonePath, MemoryMarshal.AsBytes(tone.AsSpan()).ToArray());
        File.WriteAllText(_dir.File(".asoundrc"), $$"""
            pcm.callsync_mic { type file slave.pcm "null" file "/dev/null" infile "{{tonePath}}" format "raw" }
            pcm.callsync_speaker { type file slave.pcm "null" file "{{speakerPath}}" format "raw" }
            """);
        var rtp = FreePort.UdpRange(100);
        var sipPort = FreePort.Udp().ToString(CultureInfo.InvariantCulture);
        var config = JsonNode.Parse($$"""
            { "Device": { "Id": "desk-0001", "Number": "1001", "DataDir": "{{_dir.File("data")}}" },
              "Board": { "Kind": "linux", "AlsaCapture": "callsync_mic", "AlsaPlayback": "callsync_speaker", "AudioClock": "system",
                         "Display": "{{_dir.File("display.txt")}}" },
              "Sip": { "Listen": ["udp:127.0.0.1:{{sipPort}}"], "AutoAnswer": "on", "Codecs": ["PCMU"] },
              "Rtp": { "PortMin": {{rtp}}, "PortMax": {{rtp + 99}} },
              "Recording": { "Enabled": false } }
            """)!;
        var configPath = _dir.File("agent.json");
        File.WriteAllText(configPath, config.ToJsonString());

        // HOME is where alsa-lib finds the .asoundrc with the two file-plugin PCMs.
        using var agent = AgentProcess.Start(["--config", configPath], new Dictionary<string, string?> { ["HOME"] = _dir.Path }, _dir.Path);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);

        using (var sipp = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = _dir.Path,
            Scenario = "uac",
            Target = $"127.0.0.1:{sipPort}",
            Arguments = ["-s", "1001", "-d", "3000", "-rtp_echo", "-timeout", "60"],
        }))
        {
            Assert.True(sipp.WaitForExit(TimeSpan.FromSeconds(90)) == 0, sipp.Describe() + "\n--- agent ---\n" + agent.Describe());
        }

        var stopped = agent.WaitForLine("ALSA audio stopped after", Patience);
        var frames = int.Parse(Stopped().Match(stopped).Groups[1].Value, CultureInfo.InvariantCulture);
        // About 150 frames for the 3 s call, paced by the clock, not the (unpaced) file plugin's thousands.
        Assert.InRange(frames, 100, 400);
        Assert.Contains("0 capture overruns", stopped, StringComparison.Ordinal);

        var speaker = MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(speakerPath)).ToArray();
        Assert.True(speaker.Length >= rate * 2, $"only {speaker.Length} samples reached the speaker");
        var middle = speaker.AsSpan(speaker.Length / 4, speaker.Length / 2);
        Assert.True(Goertzel.Power(middle, 400, rate) > 100 * Goertzel.Power(middle, 1000, rate), "the echoed 400 Hz tone is not in the speaker's file");
    }

    [GeneratedRegex(@"stopped after (\d+) frames")]
    private static partial Regex Stopped();
}

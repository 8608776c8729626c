using System.Globalization;
using CallSync.Testing.Audio;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Processes;
using CallSync.Testing.Rtp;
using Xunit.Abstractions;

namespace CallSync.Interop.Tests;

/// <summary>
/// Issue 12's steady media timing: 20 consecutive 10 s calls of a clean 20 ms PCMU tone while stress-ng keeps both
/// cores busy. What the desk phone played (the simulated speaker's file) and what it recorded may have no hole
/// longer than one concealed 20 ms period, and each call's record must count as many concealed periods as holes
/// were found in its recording (the concealment after sipp's last packet, in the silence after the tone, is trailing
/// concealment, not a hole), and the tone must be whole (no audio shed, also in the first call's slow start).
/// </summary>
[Trait("Category", "Interop")]
[Collection(MediaRunCollection.Name)]
public sealed class LoadedCallsTests(ITestOutputHelper output) : IDisposable
{
    private const int Calls = 20;
    private const double Tone = 1000;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan BetweenCalls = TimeSpan.FromMilliseconds(400);
    private readonly AgentSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task TwentyTenSecondCalls_BothCoresBusy_NoHoleLongerThanOnePeriodAndConcealmentCountedAsHoles()
    {
        Tool.Require("stress-ng", "stress-ng");
        // Encoded silence before and after the tone keeps the calls apart in the speaker's file, which only grows while a call plays.
        var stream = new RtpStreamBuilder(RtpCodec.Pcmu, Period)
            .Silence(TimeSpan.FromMilliseconds(300)).Tone(Tone, TimeSpan.FromSeconds(9.4)).Silence(TimeSpan.FromMilliseconds(300)).Build();
        var speaker = _sandbox.File("speaker.wav");
        var agent = AgentProcess.Start("--config", _sandbox.WriteConfig(json => json["Board"]!["Speaker"] = speaker));
        try
        {
            agent.WaitForLine(AgentProcess.ReadyLine, TimeSpan.FromSeconds(60));
            PcapWriter.Write(_sandbox.File("tone.pcap"), stream, new(System.Net.IPAddress.Parse("10.0.0.1"), 6000), new(System.Net.IPAddress.Parse("10.0.0.2"), 6000));
            File.WriteAllText(_sandbox.File("uac.xml"), SippScenario.Uac(new SdpOffer { Codecs = [RtpCodec.Pcmu], PacketTime = Period }, _sandbox.File("tone.pcap"), stream.Duration + TimeSpan.FromMilliseconds(500)));

            using (ChildProcess.Start("stress-ng", "--cpu", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), "--timeout", "900s", "--quiet"))
            using (var sipp = SippProcess.Start(new SippOptions
            {
                WorkingDirectory = Directory.CreateDirectory(_sandbox.File("sipp")).FullName,
                ScenarioFile = _sandbox.File("uac.xml"),
                Target = $"127.0.0.1:{_sandbox.SipPort}",
                Calls = Calls,
                TraceStatistics = true,
                RealTime = true, // the load is for the agent: sipp must still send on time
                Arguments = ["-s", "1001", "-l", "1", "-timeout", "600"],
            }))
            {
                var exit = await sipp.WaitForExitAsync(TimeSpan.FromMinutes(10));
                Assert.True(exit == 0, $"sipp exit {exit}: {sipp.ReadStatistics()}\n{sipp.Describe()}\n--- agent ---\n{agent.Describe()}");
            }

            var records = await _sandbox.WaitForRecordsAsync(Calls, TimeSpan.FromSeconds(60), () => agent.Describe());
            agent.Terminate();
            agent.WaitForExit(TimeSpan.FromSeconds(60)); // the speaker's file is complete once the agent stopped

            var problems = new List<string>();
            problems.AddRange(SpeakerProblems(WavFile.Read(speaker)));
            for (var i = 0; i < records.Count; i++)
            {
                problems.AddRange(RecordingProblems(i + 1, records[i], stream));
            }

            var media = agent.Output.Split('\n').Where(l => l.Contains("Media stopped", StringComparison.Ordinal) || l.Contains("Media clock ran", StringComparison.Ordinal)).ToList();
            media.ForEach(output.WriteLine);
            Assert.True(problems.Count == 0, $"{problems.Count} problems in {Calls} calls under load:\n{string.Join('\n', problems)}\n--- the agent's media summaries ---\n{string.Join('\n', media)}");
        }
        finally
        {
            agent.Dispose();
        }
    }

    /// <summary>The speaker's file: the calls' tones one after another; inside each, no hole longer than a period.</summary>
    private static IEnumerable<string> SpeakerProblems(WavFile played)
    {
        var track = ToneTrack.Detect(played.Samples, played.SampleRate, Tone, Window);
        var holes = track.Holes(TimeSpan.Zero, track.Duration);
        var gaps = holes.Count(h => h.Length >= BetweenCalls && h.Start > TimeSpan.Zero && h.Start + h.Length < track.Duration);
        var stretches = track.Present.Any(p => p) ? gaps + 1 : 0;
        if (stretches != Calls)
        {
            yield return $"speaker: {stretches} stretches of tone where {Calls} calls played (a hole of {RecordFields.Seconds(BetweenCalls.TotalSeconds)} or more splits a call)";
        }

        // The file starts and ends with a call's lead-in and tail of silence: those are not holes.
        var inside = holes.Where(h => h.Start > TimeSpan.Zero && h.Start + h.Length < track.Duration);
        foreach (var (start, length) in inside.Where(h => h.Length > Period && h.Length < BetweenCalls))
        {
            yield return $"speaker: a hole of {length.TotalMilliseconds} ms at {RecordFields.Seconds(start.TotalSeconds)}";
        }
    }

    /// <summary>One call's recording: no hole longer than a period in the tone, and the record counts its holes as concealed periods.</summary>
    private IEnumerable<string> RecordingProblems(int call, System.Text.Json.Nodes.JsonObject record, RtpStream stream)
    {
        var recording = DecodedRecording.Decode(_sandbox.RecordingPath(RecordFields.RecordingId(record)));
        var track = ToneTrack.Detect(recording.Audio.Channel(DecodedRecording.Right), recording.Audio.SampleRate, Tone, Window);
        var offset = track.Align(stream.Tones, TimeSpan.FromSeconds(3));
        var tone = stream.Tones.Single();
        var holes = track.Holes(tone.Start + offset, tone.End + offset);
        var found = track.Window * track.Present.Count(p => p);
        if ((found - tone.Duration).Duration() > Period)
        {
            // Audio dropped without a silence in its place shortens the tone; the missing time shows as a hole at its end.
            yield return $"call {call}: the recording holds {RecordFields.Seconds(found.TotalSeconds)} of the {RecordFields.Seconds(tone.Duration.TotalSeconds)} of tone sent";
        }

        foreach (var (start, length) in holes.Where(h => h.Length > Period))
        {
            yield return $"call {call}: the recording has a hole of {length.TotalMilliseconds} ms at {RecordFields.Seconds(start.TotalSeconds)}";
        }

        var quality = RecordFields.Quality(record);
        var concealed = quality[RecordFields.ConcealedPeriods]?.GetValue<int>();
        if (concealed != holes.Count)
        {
            yield return $"call {call}: {holes.Count} holes in the recording, the record counts {concealed?.ToString(CultureInfo.InvariantCulture) ?? $"no quality.{RecordFields.ConcealedPeriods}"} concealed periods ({quality.ToJsonString()})";
        }
    }
}

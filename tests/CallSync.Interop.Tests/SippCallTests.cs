using CallSync.Control;
using CallSync.Testing.Audio;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Interop.Tests;

/// <summary>The agent answering calls from sipp's built-in uac scenario, and surviving a SIGKILL mid-call.</summary>
[Trait("Category", "Interop")]
public sealed class SippCallTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AgentSandbox _setup = new();

    public void Dispose() => _setup.Dispose();

    private SippProcess StartUac(int calls, int durationMs) => SippProcess.Start(new SippOptions
    {
        WorkingDirectory = _setup.Directory,
        Scenario = "uac",
        Target = $"127.0.0.1:{_setup.SipPort}",
        Calls = calls,
        Arguments = ["-s", "1001", "-l", "1", "-d", durationMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "-rtp_echo", "-timeout", "60"],
    });

    [Fact]
    public async Task SippUac_FiveSequentialCalls_FiveAnsweredRecordsWithStereoRecordings()
    {
        using var agent = AgentProcess.Start("--config", _setup.WriteConfig());
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);

        using (var sipp = StartUac(calls: 5, durationMs: 2000))
        {
            Assert.True(sipp.WaitForExit(TimeSpan.FromSeconds(90)) == 0, sipp.Describe() + "\n--- agent ---\n" + agent.Describe());
        }

        // sipp exits once the last BYE is answered; the record of that call is written right after, so poll (bounded).
        ControlResponse response = null!;
        string[] lines = [];
        await Eventually.UntilAsync(
            async () =>
            {
                response = await _setup.ControlAsync("calls", "--last", "5");
                Assert.Equal(ControlExit.Ok, response.Exit);
                lines = response.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return lines.Length == 5;
            },
            TimeSpan.FromSeconds(20),
            () => "5 calls listed:\n" + response.Text + "\n--- agent ---\n" + agent.Describe());
        foreach (var line in lines)
        {
            Assert.Contains(" incoming ", line, StringComparison.Ordinal);
            Assert.Contains(" answered ", line, StringComparison.Ordinal);
            var recordId = line[(line.LastIndexOf("record ", StringComparison.Ordinal) + "record ".Length)..];
            var file = Path.Combine(_setup.RecordingsDirectory, recordId + ".opus");
            Assert.True(File.Exists(file), $"{file} missing; calls:\n{response.Text}");
            var info = OpusInfo.Of(file);
            Assert.True(info.ExitCode == 0, info.Output);
            Assert.Equal(2, info.Channels);
            Assert.True(info.Length > TimeSpan.FromSeconds(1), info.Output);
        }

        Assert.Equal(5, lines.Select(l => l[l.LastIndexOf(' ')..]).Distinct().Count());
        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));
    }

    [Fact]
    public void SigKill_MidCall_PartialRecordingIsValidAndAgentRestartsCleanly()
    {
        var config = _setup.WriteConfig();
        using (var agent = AgentProcess.Start("--config", config))
        {
            agent.WaitForLine(AgentProcess.ReadyLine, Patience);
            using var sipp = StartUac(calls: 1, durationMs: 8000);
            agent.WaitForLine("Recording ", Patience);
            var file = Directory.EnumerateFiles(_setup.RecordingsDirectory, "*.opus").Single();

            // Let about three seconds of audio reach the file; the length is what opusinfo then has to show.
            var grown = SpinWait.SpinUntil(() => OpusInfo.Of(file).Length >= TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(20));
            agent.Kill();
            Assert.True(grown, "recording did not grow to 2.5 s while the call ran\n" + agent.Output);

            // A killed writer can never set the Ogg end-of-stream flag, and opusinfo exits 1 on that warning alone
            // ("EOS not set on stream 1 (normal for live streams)"); any other warning or error would fail here.
            var info = OpusInfo.Of(file);
            Assert.Equal(["WARNING: EOS not set on stream 1 (normal for live streams)"], info.Problems);
            Assert.Equal(2, info.Channels);
            Assert.True(info.Length >= TimeSpan.FromSeconds(1), info.Output);
            var decoded = Tool.Run("opusdec", "--quiet", file, _setup.File("partial.wav"));
            Assert.True(decoded.ExitCode == 0, decoded.Output);
        }

        using var restarted = AgentProcess.Start("--config", config);
        restarted.WaitForLine(AgentProcess.ReadyLine, Patience);
        restarted.Terminate();
        Assert.Equal(0, restarted.WaitForExit(Patience));
    }
}

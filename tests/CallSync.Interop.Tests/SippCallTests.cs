using System.Globalization;
using CallSync.Control;

namespace CallSync.Interop.Tests;

/// <summary>The agent answering calls from sipp's built-in uac scenario, and surviving a SIGKILL mid-call.</summary>
[Trait("Category", "Interop")]
public sealed class SippCallTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AgentSetup _setup = new();

    public void Dispose() => _setup.Dispose();

    private PeerProcess StartUac(int calls, int durationMs) =>
        PeerProcess.Start("sipp", _setup.Directory,
            "-sn", "uac", $"127.0.0.1:{_setup.SipPort}", "-s", "1001", "-i", "127.0.0.1",
            "-p", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "-mp", FreePort.RtpRange(4).ToString(CultureInfo.InvariantCulture),
            "-m", calls.ToString(CultureInfo.InvariantCulture), "-l", "1",
            "-d", durationMs.ToString(CultureInfo.InvariantCulture), "-rtp_echo", "-nostdin", "-timeout", "60");

    [Fact]
    public async Task SippUac_FiveSequentialCalls_FiveAnsweredRecordsWithStereoRecordings()
    {
        using var agent = AgentProcess.Start("--config", _setup.WriteConfig());
        Assert.True(agent.WaitForLine("Ready.", Patience), agent.Output);

        using (var sipp = StartUac(calls: 5, durationMs: 2000))
        {
            Assert.True(sipp.WaitForExit(TimeSpan.FromSeconds(90)) == 0, sipp.Output + "\n--- agent ---\n" + agent.Output);
        }

        // sipp exits once the last BYE is answered; the record of that call is written right after, so poll (bounded).
        ControlResponse response;
        string[] lines;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            response = await ControlClient.SendAsync(_setup.ControlSocket, new ControlRequest("calls", ["--last", "5"]), CancellationToken.None);
            Assert.Equal(ControlExit.Ok, response.Exit);
            lines = response.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length == 5 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.True(lines.Length == 5, response.Text + "\n--- agent ---\n" + agent.Output);
        foreach (var line in lines)
        {
            Assert.Contains(" incoming ", line, StringComparison.Ordinal);
            Assert.Contains(" answered ", line, StringComparison.Ordinal);
            var recordId = line[(line.LastIndexOf("record ", StringComparison.Ordinal) + "record ".Length)..];
            var file = Path.Combine(_setup.RecordingsDir, recordId + ".opus");
            Assert.True(File.Exists(file), $"{file} missing; calls:\n{response.Text}");
            var info = OpusInfo.Of(file);
            Assert.True(info.Exit == 0, info.Output);
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
            Assert.True(agent.WaitForLine("Ready.", Patience), agent.Output);
            using var sipp = StartUac(calls: 1, durationMs: 8000);
            Assert.True(agent.WaitForLine("Recording ", Patience), agent.Output);
            var file = Directory.EnumerateFiles(_setup.RecordingsDir, "*.opus").Single();

            // Let about three seconds of audio reach the file; the length is what opusinfo then has to show.
            var grown = SpinWait.SpinUntil(() => OpusInfo.Of(file).Length >= TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(20));
            agent.KillHard();
            Assert.True(grown, "recording did not grow to 2.5 s while the call ran\n" + agent.Output);

            // A killed writer can never set the Ogg end-of-stream flag, and opusinfo exits 1 on that warning alone
            // ("EOS not set on stream 1 (normal for live streams)"); any other warning or error would fail here.
            var info = OpusInfo.Of(file);
            var problems = info.Output.Split('\n')
                .Where(l => l.Contains("WARNING", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal))
                .ToArray();
            Assert.Equal(["WARNING: EOS not set on stream 1 (normal for live streams)"], problems);
            Assert.Equal(2, info.Channels);
            Assert.True(info.Length >= TimeSpan.FromSeconds(1), info.Output);
            var decoded = PeerProcess.Run(TimeSpan.FromSeconds(30), "opusdec", "--quiet", file, Path.Combine(_setup.Directory, "partial.wav"));
            Assert.True(decoded.Exit == 0, decoded.Output);
        }

        using var restarted = AgentProcess.Start("--config", config);
        Assert.True(restarted.WaitForLine("Ready.", Patience), restarted.Output);
        restarted.Terminate();
        Assert.Equal(0, restarted.WaitForExit(Patience));
    }
}

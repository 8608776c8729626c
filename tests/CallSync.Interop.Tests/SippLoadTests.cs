using System.Globalization;
using System.Text.Json.Nodes;

namespace CallSync.Interop.Tests;

/// <summary>
/// A bounded load run for CI: sipp's uac places 200 short calls at 50 calls/s and the agent, auto-answering with a
/// raised call limit, must answer every one without sipp ever retransmitting. The full-rate run (400 calls/s) is
/// deploy/bench-load.sh.
/// </summary>
[Trait("Category", "Interop")]
[Collection(LoadRunCollection.Name)]
public sealed class SippLoadTests : IDisposable
{
    private const int Calls = 200;
    private const int Rate = 50;
    private const int RtpPorts = 400;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AgentSetup _setup = new();

    public void Dispose() => _setup.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SippUac_200ShortCallsAt50PerSecond_NoFailedCallNoRetransmission(bool recording)
    {
        var rtpMin = FreePort.RtpRange(RtpPorts);
        var config = _setup.WriteConfig(json =>
        {
            json["Sip"]!["MaxCalls"] = Calls;
            json["Rtp"] = new JsonObject { ["PortMin"] = rtpMin, ["PortMax"] = rtpMin + RtpPorts - 1 };
            json["Recording"]!["Enabled"] = recording;
        });
        using var agent = AgentProcess.Start("--config", config);
        Assert.True(agent.WaitForLine("Ready.", Patience), agent.Output);

        // A few calls first: the agent's first calls pay for JIT compilation, which on a loaded CI machine can
        // exceed SIP's 500 ms retransmission timer. The load run is about the steady state.
        using (var warmup = StartUac(calls: 10, rate: 10, "warmup"))
        {
            Assert.True(warmup.Sipp.WaitForExit(Patience) == 0, warmup.Sipp.Output + "\n--- agent ---\n" + agent.Output);
        }

        WaitForRecords(10, agent);
        using var load = StartUac(Calls, Rate, "load");
        var exit = load.Sipp.WaitForExit(Patience);
        var stats = SippStatistics.ReadLast(load.StatisticsFile);
        var summary = $"sipp exit {exit}: {stats}\n{load.Sipp.Output}\n--- agent ---\n{agent.Output}";
        Assert.True(stats.Successful == Calls, summary);
        Assert.True(stats.Failed == 0, summary);
        Assert.True(stats.Retransmissions == 0, summary);
        Assert.True(exit == 0, summary);

        // Every answered call also ended in a record on the phone.
        WaitForRecords(10 + Calls, agent);
        Assert.False(agent.HasExited, agent.Output);
        if (recording)
        {
            // Calls beyond the one on the handset run on their own clock: each still has its recording.
            Assert.Equal(10 + Calls, Directory.EnumerateFiles(_setup.RecordingsDir, "*.opus").Count());
        }

        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));
    }

    private Uac StartUac(int calls, int rate, string name)
    {
        var statistics = Path.Combine(_setup.Directory, name + "-stat.csv");
        var sipp = PeerProcess.Start("sipp", _setup.Directory,
            "-sn", "uac", $"127.0.0.1:{_setup.SipPort}", "-s", "1001", "-i", "127.0.0.1",
            "-p", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "-mp", FreePort.RtpRange(4).ToString(CultureInfo.InvariantCulture), "-rtp_echo",
            "-r", rate.ToString(CultureInfo.InvariantCulture), "-m", calls.ToString(CultureInfo.InvariantCulture), "-d", "100",
            "-trace_stat", "-stf", statistics, "-fd", "1", "-nostdin", "-timeout", "50");
        return new Uac(sipp, statistics);
    }

    private void WaitForRecords(int count, AgentProcess agent)
    {
        var history = Path.Combine(_setup.DataPath, "history.jsonl");
        var written = 0;
        var done = SpinWait.SpinUntil(
            () =>
            {
                written = File.Exists(history) ? File.ReadLines(history).Count() : 0;
                return written >= count || agent.HasExited;
            },
            Patience);
        Assert.True(done && written >= count, $"{written} of {count} call records written\n{agent.Output}");
    }

    private sealed record Uac(PeerProcess Sipp, string StatisticsFile) : IDisposable
    {
        public void Dispose() => Sipp.Dispose();
    }
}

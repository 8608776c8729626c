using System.Globalization;
using System.Text.Json.Nodes;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;

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
    private readonly AgentSandbox _setup = new();

    public void Dispose() => _setup.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SippUac_200ShortCallsAt50PerSecond_NoFailedCallNoRetransmission(bool recording)
    {
        var rtpMin = FreePort.UdpRange(RtpPorts);
        var config = _setup.WriteConfig(json =>
        {
            json["Sip"]!["MaxCalls"] = Calls;
            json["Rtp"] = new JsonObject { ["PortMin"] = rtpMin, ["PortMax"] = rtpMin + RtpPorts - 1 };
            json["Recording"]!["Enabled"] = recording;
        });
        using var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);

        // A few calls first: the agent's first calls pay for JIT compilation, which on a loaded CI machine can
        // exceed SIP's 500 ms retransmission timer. The load run is about the steady state.
        using (var warmup = StartUac(calls: 10, rate: 10, "warmup"))
        {
            Assert.True(warmup.WaitForExit(Patience) == 0, warmup.Describe() + "\n--- agent ---\n" + agent.Describe());
        }

        WaitForRecords(10, agent);
        using var load = StartUac(Calls, Rate, "load");
        var exit = load.WaitForExit(Patience);
        var stats = load.ReadStatistics();
        var summary = $"sipp exit {exit}: {stats}\n{load.Describe()}\n--- agent ---\n{agent.Describe()}";
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
            Assert.Equal(10 + Calls, Directory.EnumerateFiles(_setup.RecordingsDirectory, "*.opus").Count());
        }

        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));
    }

    private SippProcess StartUac(int calls, int rate, string name) => SippProcess.Start(new SippOptions
    {
        WorkingDirectory = Directory.CreateDirectory(_setup.File(name)).FullName,
        Scenario = "uac",
        Target = $"127.0.0.1:{_setup.SipPort}",
        Calls = calls,
        TraceStatistics = true,
        Arguments = ["-s", "1001", "-rtp_echo", "-r", rate.ToString(CultureInfo.InvariantCulture), "-d", "100", "-timeout", "50"],
    });

    private void WaitForRecords(int count, ChildProcess agent) =>
        _setup.WaitForRecordsAsync(count, Patience, () => agent.Describe()).GetAwaiter().GetResult();
}

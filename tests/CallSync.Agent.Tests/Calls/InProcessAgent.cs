using System.Text.Json;
using CallSync.Agent.Calls;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Hal.Simulated;
using CallSync.Records;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Agent.Tests.Calls;

/// <summary>
/// The agent's composition root run in this process on fake time: a simulated board, SIP on loopback towards a
/// <see cref="ScriptedSipPeer"/>, real RTP sockets and recordings in a temporary data directory. Tests drive the
/// board and the peer and read the committed records from the outbox.
/// </summary>
internal sealed class InProcessAgent : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly IHost _host;

    private InProcessAgent(IHost host, FakeTimeProvider time, ScriptedSipPeer peer, string dataDir)
    {
        _host = host;
        Time = time;
        Peer = peer;
        DataDir = dataDir;
    }

    public FakeTimeProvider Time { get; }

    public ScriptedSipPeer Peer { get; }

    public string DataDir { get; }

    public CallManager Calls => _host.Services.GetRequiredService<CallManager>();

    public SimulatedBoard Board => (SimulatedBoard)_host.Services.GetRequiredService<IBoard>();

    public SipUserAgent Sip => _host.Services.GetRequiredService<SipUserAgent>();

    /// <summary>Starts an agent whose SIP domain is a fresh scripted peer; <paramref name="settings"/> override the defaults.</summary>
    public static async Task<InProcessAgent> StartAsync(string dataDir, FakeTimeProvider time, params (string Key, string Value)[] settings)
    {
        var peer = new ScriptedSipPeer();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Device:Id"] = "desk-test",
            ["Device:Number"] = "1001",
            ["Device:DataDir"] = dataDir,
            ["Board:Kind"] = "simulated",
            ["Board:ControlInput"] = "false",
            ["Board:Microphone"] = "tone:400",
            ["Sip:Listen:0"] = "udp:127.0.0.1:0",
            ["Sip:Domain"] = $"127.0.0.1:{peer.Port}",
            ["Sip:SessionExpires"] = "off",
            ["Rtp:Address"] = "127.0.0.1",
            ["Recording:Enabled"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        // Everything on the command line over an empty file, as a technician could run it.
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataDir))!, Path.GetFileName(dataDir) + ".json");
        await File.WriteAllTextAsync(file, "{}");
        string[] args = ["--config", file, .. values.Select(v => $"--{v.Key}={v.Value}")];
        var host = Program.Build(args, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
        });
        await host.StartAsync();
        var agent = new InProcessAgent(host, time, peer, dataDir);
        peer.Agent = agent.Sip.LocalEndPoints[0].EndPoint;
        return agent;
    }

    /// <summary>The records committed to the MQTT outbox, oldest first.</summary>
    public IReadOnlyList<CallRecord> Records() =>
        [.. _host.Services.GetRequiredService<RecordOutbox>().Peek(0, 1000).Select(e => JsonSerializer.Deserialize(e.Payload, CallSyncJsonContext.Default.CallRecord)!)];

    /// <summary>Waits (real time, bounded) for <paramref name="count"/> records.</summary>
    public async Task<IReadOnlyList<CallRecord>> RecordsAsync(int count)
    {
        await Eventually(() => Records().Count >= count, $"{count} record(s)");
        return Records();
    }

    /// <summary>Advances fake time in 20 ms steps (the audio device's period), so audio flows as it would.</summary>
    public void Talk(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(20))
        {
            Time.Advance(TimeSpan.FromMilliseconds(20));
        }
    }

    public static async Task Eventually(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(Bound);
        while (!condition())
        {
            try
            {
                await Task.Delay(10, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }
        }
    }

    /// <summary>Stops the agent as the host would (calls hung up, records finished).</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await Peer.DisposeAsync();
        _host.Dispose();
    }
}

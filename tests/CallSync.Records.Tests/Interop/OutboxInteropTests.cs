using System.Globalization;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Mosquitto;
using CallSync.Testing.Processes;
using Xunit.Abstractions;

namespace CallSync.Records.Tests.Interop;

[Trait("Category", "Interop")]
[Collection("Mosquitto")]
public sealed class OutboxInteropTests : IDisposable
{
    private const string DeviceId = "desk-test";
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _data = new();

    public OutboxInteropTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _data.Dispose();

    /// <summary>Broker down time for the crash test; CALLSYNC_TEST_BROKER_DOWN_SECONDS overrides (default 5 s, the scenario's 30 s made shorter to keep the run short).</summary>
    private static TimeSpan BrokerDownTime =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("CALLSYNC_TEST_BROKER_DOWN_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : 5);

    private ChildProcess StartPublisher(MosquittoBroker broker, int count, int intervalMs = 40, int keepAlive = 5, bool linger = false, string mode = "run")
    {
        var args = new List<string>
        {
            "--mode", mode, "--data", _data.Path, "--url", broker.Url, "--device", DeviceId,
            "--count", count.ToString(CultureInfo.InvariantCulture), "--interval-ms", intervalMs.ToString(CultureInfo.InvariantCulture),
            "--keepalive-s", keepAlive.ToString(CultureInfo.InvariantCulture),
        };
        if (linger)
        {
            args.Add("--linger");
        }

        return PublisherProcess.Start([.. args]);
    }

    private static Guid RecordId(byte[] payload) =>
        JsonSerializer.Deserialize(payload, CallSyncJsonContext.Default.CallRecord)!.RecordId;

    private static int Index(Guid id) => BitConverter.ToInt32(id.ToByteArray().AsSpan(12));

    [Fact]
    public async Task Publish_BrokerDownAndPublisherKilledTwice_SubscriberGetsAllHundredInOrder()
    {
        int seed = Environment.TickCount;
        _output.WriteLine("seed " + seed);
        var random = new Random(seed);
        await using MosquittoBroker broker = await MosquittoBroker.StartNewAsync();
        await using var hub = new TestSubscriber(broker.Url, MqttTopics.Calls(DeviceId), "hub-calls");
        await hub.ConnectAsync();

        using (ChildProcess first = StartPublisher(broker, 100))
        {
            await first.WaitForLineAsync(l => l.StartsWith("ENQUEUED", StringComparison.Ordinal), "ENQUEUED line", TimeSpan.FromSeconds(30));
            await Task.Delay(random.Next(200, 1200));
            first.Kill();
            _output.WriteLine("kill 1 after " + first.Log.Lines.Count(l => l.StartsWith("ENQUEUED", StringComparison.Ordinal)) + " enqueued");
        }

        using (ChildProcess second = StartPublisher(broker, 100))
        {
            await second.WaitForLineAsync(l => l.StartsWith("ENQUEUED", StringComparison.Ordinal), "ENQUEUED line", TimeSpan.FromSeconds(30));
            await Task.Delay(random.Next(100, 600));
            await broker.StopAsync();
            DateTime downSince = DateTime.UtcNow;
            _output.WriteLine("broker stopped");
            await Task.Delay(random.Next(300, (int)Math.Max(400, BrokerDownTime.TotalMilliseconds / 2)));
            second.Kill();
            _output.WriteLine("kill 2 after " + second.Log.Lines.Count(l => l.StartsWith("ENQUEUED", StringComparison.Ordinal)) + " enqueued");

            using ChildProcess third = StartPublisher(broker, 100);
            TimeSpan remaining = BrokerDownTime - (DateTime.UtcNow - downSince);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining);
            }

            await broker.StartAsync();
            _output.WriteLine("broker restarted");
            Assert.Equal(0, await third.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        }

        Assert.True(
            await hub.WaitForAsync(m => m.Select(x => RecordId(x.Payload)).Distinct().Count() >= 100, TimeSpan.FromSeconds(30)),
            "subscriber did not receive all 100 records");

        var messages = hub.Messages;
        var firstCopies = new Dictionary<Guid, byte[]>();
        var order = new List<int>();
        foreach ((_, byte[] payload, _) in messages)
        {
            Guid id = RecordId(payload);
            if (firstCopies.TryGetValue(id, out byte[]? first))
            {
                Assert.Equal(first, payload);
            }
            else
            {
                firstCopies.Add(id, payload);
                order.Add(Index(id));
            }
        }

        _output.WriteLine($"{messages.Count} messages, {messages.Count - firstCopies.Count} duplicates");
        Assert.Equal(Enumerable.Range(0, 100), order);
    }

    [Fact]
    public async Task Publish_KilledRightAfterCommit_RecordPublishedAfterRestart()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartNewAsync();
        await using var hub = new TestSubscriber(broker.Url, MqttTopics.Calls(DeviceId));
        await hub.ConnectAsync();

        using (ChildProcess dying = StartPublisher(broker, 42, mode: "commit-and-die"))
        {
            await dying.WaitForLineAsync(l => l == "COMMITTED 42", "COMMITTED 42 line", TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, await dying.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Empty(hub.Messages);
        using ChildProcess restarted = StartPublisher(broker, 0);
        Assert.Equal(0, await restarted.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await hub.WaitForAsync(m => m.Count >= 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(42, Index(RecordId(hub.Messages[0].Payload)));
    }

    [Fact]
    public async Task State_KilledThenRestarted_OfflineWithinKeepAliveThenOnlineWithHigherBoot()
    {
        const int keepAlive = 2;
        await using MosquittoBroker broker = await MosquittoBroker.StartNewAsync();
        await using var watcher = new TestSubscriber(broker.Url, MqttTopics.State(DeviceId));
        await watcher.ConnectAsync();

        static DeviceState State(byte[] payload) => JsonSerializer.Deserialize(payload, CallSyncJsonContext.Default.DeviceState)!;

        using (ChildProcess first = StartPublisher(broker, 0, keepAlive: keepAlive, linger: true))
        {
            long boot = long.Parse((await first.WaitForLineAsync(l => l.StartsWith("BOOT ", StringComparison.Ordinal), "BOOT line", TimeSpan.FromSeconds(30)))[5..], CultureInfo.InvariantCulture);
            Assert.True(await watcher.WaitForAsync(m => m.Any(x => State(x.Payload) is { State: "online" } s && s.Boot == boot), TimeSpan.FromSeconds(20)));
            int seen = watcher.Messages.Count;

            var clock = System.Diagnostics.Stopwatch.StartNew();
            first.Kill();
            Assert.True(await watcher.WaitForAsync(m => m.Skip(seen).Any(x => State(x.Payload) is { State: "offline" } s && s.Boot == boot), TimeSpan.FromSeconds(keepAlive * 1.5 + 3)));
            _output.WriteLine($"offline after {clock.ElapsedMilliseconds} ms");
            Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(keepAlive * 1.5 + 1));
        }

        using ChildProcess second = StartPublisher(broker, 0, keepAlive: keepAlive, linger: true);
        long boot2 = long.Parse((await second.WaitForLineAsync(l => l.StartsWith("BOOT ", StringComparison.Ordinal), "BOOT line", TimeSpan.FromSeconds(30)))[5..], CultureInfo.InvariantCulture);
        Assert.True(await watcher.WaitForAsync(m => m.Any(x => State(x.Payload) is { State: "online" } s && s.Boot == boot2), TimeSpan.FromSeconds(20)));
        Assert.Equal(2, boot2);

        // A fresh subscriber sees the retained state: online, current boot.
        await using var late = new TestSubscriber(broker.Url, MqttTopics.State(DeviceId));
        await late.ConnectAsync();
        Assert.True(await late.WaitForAsync(m => m.Any(x => x.Retain && State(x.Payload) is { State: "online" } s && s.Boot == boot2), TimeSpan.FromSeconds(10)));

        // Clean shutdown publishes "offline" itself (no will needed).
        int before = watcher.Messages.Count;
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(await watcher.WaitForAsync(m => m.Skip(before).Any(x => State(x.Payload) is { State: "offline" } s && s.Boot == boot2), TimeSpan.FromSeconds(10)));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Mqtt;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Mosquitto;
using CallSync.Testing.Waiting;
using Xunit.Abstractions;

namespace CallSync.Records.Tests.Interop;

/// <summary>
/// Bounded load test against a local Mosquitto: burst throughput (split = commit, publish, PUBACK, delete) and
/// enqueue-to-subscriber latency at a paced rate. Numbers go to the test output (docs/benchmarks.md).
/// </summary>
[Trait("Category", "Interop")]
[Collection("Mosquitto")]
public sealed class OutboxLoadTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _data = new();

    public OutboxLoadTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public async Task Outbox_BurstAndPacedLoad_DeliversEverythingInOrderAndReportsRates(int maxInFlight)
    {
        const int burst = 2000;
        const int paced = 300;
        await using MosquittoBroker broker = await MosquittoBroker.StartNewAsync();
        await using var hub = new TestSubscriber(broker.Url, MqttTopics.Calls("desk-test"));
        var arrivals = new ConcurrentDictionary<Guid, long>();
        var firstArrivalOrder = new ConcurrentQueue<Guid>();
        hub.Client.ApplicationMessageReceivedAsync += e =>
        {
            long now = Stopwatch.GetTimestamp();
            Guid id = JsonSerializer.Deserialize(e.ApplicationMessage.Payload.FirstSpan, CallSyncJsonContext.Default.CallRecord)!.RecordId;
            if (arrivals.TryAdd(id, now))
            {
                firstArrivalOrder.Enqueue(id);
            }

            return Task.CompletedTask;
        };
        await hub.ConnectAsync();

        using RecordsDatabase db = RecordsDatabase.OpenInDirectory(_data.Path);
        var options = new OutboxOptions { MaxRows = 20_000, MaxInFlight = maxInFlight };
        var outbox = new RecordOutbox(db, options, TimeProvider.System, new ListLogger<RecordOutbox>());
        var recordings = new RecordingOutbox(db, new RetentionOptions(), TimeProvider.System, new ListLogger<RecordingOutbox>());
        var splitter = new CallSplitter(db, outbox, recordings, TestRecords.Device, new ListLogger<CallSplitter>());

        // Backlog (as after a broker outage): split = build, serialise, one durable (fsync) transaction each.
        var committed = new List<Guid>(burst);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < burst; i++)
        {
            committed.Add(Guid.NewGuid());
            Assert.Equal(SplitOutcome.Split, splitter.Split(TestRecords.Call(committed[^1])).Outcome);
        }

        double splitSeconds = clock.Elapsed.TotalSeconds;

        // Drain: publish, PUBACKs oldest first, delete (batched), up to maxInFlight outstanding.
        await using var link = new MqttLink(new MqttLinkOptions { Url = broker.Url }, TestRecords.Device, 1, TimeProvider.System, new ListLogger<MqttLink>());
        await using var publisher = new OutboxPublisher(outbox, link, options, TimeProvider.System, new ListLogger<OutboxPublisher>());
        link.Connected += publisher.Wake;
        link.Start();
        await link.WaitConnectedAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        clock.Restart();
        publisher.Start();
        await Eventually.UntilAsync(() => outbox.Count == 0, TimeSpan.FromSeconds(60), "the outbox to drain");
        double drainSeconds = clock.Elapsed.TotalSeconds;
        await Eventually.UntilAsync(() => arrivals.Count >= burst, TimeSpan.FromSeconds(30), "every record of the burst to arrive");
        Assert.Equal(committed, firstArrivalOrder.Take(burst));

        // Paced: 100 calls/s (far above a desk phone's rate); latency from the split call to arrival at the subscriber.
        var enqueuedAt = new Dictionary<Guid, long>();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < paced; i++)
        {
            long due = start + (long)(i * 0.01 * Stopwatch.Frequency);
            TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            Guid id = Guid.NewGuid();
            enqueuedAt[id] = Stopwatch.GetTimestamp();
            splitter.Split(TestRecords.Call(id));
        }

        await Eventually.UntilAsync(() => enqueuedAt.Keys.All(arrivals.ContainsKey), TimeSpan.FromSeconds(30), "every enqueued record to arrive");
        double[] latencies = enqueuedAt.Select(kv => Stopwatch.GetElapsedTime(kv.Value, arrivals[kv.Key]).TotalMilliseconds).Order().ToArray();
        double p50 = latencies[latencies.Length / 2];
        double p99 = latencies[(int)(latencies.Length * 0.99)];

        _output.WriteLine($"MaxInFlight {maxInFlight}");
        _output.WriteLine($"split (durable commit): {burst} in {splitSeconds:F2} s = {burst / splitSeconds:F0}/s ({splitSeconds * 1000 / burst:F2} ms each)");
        _output.WriteLine($"drain (publish + PUBACK + delete): {burst} in {drainSeconds:F2} s = {burst / drainSeconds:F0} records/s");
        _output.WriteLine($"paced 100/s x {paced}: split->subscriber latency p50 {p50:F2} ms, p99 {p99:F2} ms, max {latencies[^1]:F2} ms");
        Assert.Equal(burst + paced, arrivals.Count);
    }
}

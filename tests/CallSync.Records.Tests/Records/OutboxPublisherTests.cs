using CallSync.Records.Tests.Support;

namespace CallSync.Records.Tests.Records;

public sealed class OutboxPublisherTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RecordsDatabase _db;
    private readonly SignallingTimeProvider _time = new();
    private readonly OutboxOptions _options = new() { MaxRows = 1000, RetryInitialDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(8) };
    private readonly RecordOutbox _outbox;

    public OutboxPublisherTests()
    {
        _db = RecordsDatabase.OpenInDirectory(_dir.Path);
        _outbox = new RecordOutbox(_db, _options, _time, new ListLogger<RecordOutbox>());
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private static Task<int> Attempt(FakeTransport transport, int number)
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.OnAttempt = n =>
        {
            if (n == number)
            {
                tcs.TrySetResult(n);
            }
        };
        return tcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static Task AcknowledgedCount(OutboxPublisher publisher, int count)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int seen = 0;
        publisher.Acknowledged += _ =>
        {
            if (Interlocked.Increment(ref seen) == count)
            {
                tcs.TrySetResult();
            }
        };
        return tcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Run_ManyRecords_PublishesAllInOrderAndEmptiesOutbox()
    {
        var transport = new FakeTransport();
        for (int i = 0; i < 300; i++)
        {
            _outbox.Enqueue(TestRecords.IdFor(i), "t/" + i, TestRecords.Payload(i));
        }

        var publisher = new OutboxPublisher(_outbox, transport, _options, _time, new ListLogger<OutboxPublisher>());
        Task done = AcknowledgedCount(publisher, 300);
        publisher.Start();
        await done;
        await publisher.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 300).Select(i => "t/" + i), transport.Published.Select(p => p.Topic));
        Assert.Equal(TestRecords.Payload(299), transport.Published.Last().Payload);
        Assert.Equal(0, _outbox.Count);
    }

    [Fact]
    public async Task Run_PublishFails_RetriesWithGrowingJitteredBackoffAndKeepsOrder()
    {
        var transport = new FakeTransport();
        transport.FailNext(3);
        for (int i = 0; i < 3; i++)
        {
            _outbox.Enqueue(TestRecords.IdFor(i), "t/" + i, TestRecords.Payload(i));
        }

        var expected = new RetryBackoff(_options.RetryInitialDelay, _options.RetryMaxDelay, new Random(42));
        var publisher = new OutboxPublisher(_outbox, transport, _options, _time, new ListLogger<OutboxPublisher>(), new Random(42));
        Task done = AcknowledgedCount(publisher, 3);
        Task<int> first = Attempt(transport, 1);
        publisher.Start();
        await first;

        for (int retry = 0; retry < 3; retry++)
        {
            TimeSpan delay = await _time.NextTimerAsync();
            Assert.Equal(expected.Next(retry), delay);
            Assert.InRange(delay, expected.Ceiling(retry) / 2, expected.Ceiling(retry));
            Task<int> next = Attempt(transport, retry + 2);
            _time.Fake.Advance(delay - TimeSpan.FromTicks(1));
            Assert.False(next.IsCompleted);
            Assert.Empty(transport.Published);
            _time.Fake.Advance(TimeSpan.FromTicks(1));
            await next;
        }

        await done;
        await publisher.DisposeAsync();
        Assert.Equal(new[] { "t/0", "t/1", "t/2" }, transport.Published.Select(p => p.Topic));
        Assert.Equal(0, _outbox.Count);
    }

    [Fact]
    public async Task Wake_DuringBackoff_RetriesWithoutWaitingTheDelay()
    {
        var transport = new FakeTransport { IsConnected = false };
        _outbox.Enqueue(TestRecords.IdFor(1), "t/1", TestRecords.Payload(1));
        var publisher = new OutboxPublisher(_outbox, transport, _options, _time, new ListLogger<OutboxPublisher>());
        Task done = AcknowledgedCount(publisher, 1);
        publisher.Start();
        await _time.NextTimerAsync();

        transport.IsConnected = true;
        publisher.Wake();
        await done;
        await publisher.DisposeAsync();
        Assert.Single(transport.Published);
    }

    [Fact]
    public async Task Run_RecordEnqueuedWhileIdle_IsPublished()
    {
        var transport = new FakeTransport();
        var publisher = new OutboxPublisher(_outbox, transport, _options, _time, new ListLogger<OutboxPublisher>());
        Task done = AcknowledgedCount(publisher, 2);
        publisher.Start();
        _outbox.Enqueue(TestRecords.IdFor(1), "t/1", TestRecords.Payload(1));
        _outbox.Enqueue(TestRecords.IdFor(2), "t/2", TestRecords.Payload(2));
        await done;
        await publisher.DisposeAsync();
        Assert.Equal(new[] { "t/1", "t/2" }, transport.Published.Select(p => p.Topic));
    }
}

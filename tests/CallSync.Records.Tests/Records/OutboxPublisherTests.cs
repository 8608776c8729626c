using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;

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

        // One in flight, so each failed attempt is one back-off step.
        _options.MaxInFlight = 1;
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

    [Fact]
    public async Task Run_Window_KeepsAtMostMaxInFlightOutstandingInOrder()
    {
        _options.MaxInFlight = 4;
        var transport = new HeldTransport();
        for (int i = 0; i < 10; i++)
        {
            _outbox.Enqueue(TestRecords.IdFor(i), "t/" + i, TestRecords.Payload(i));
        }

        var publisher = new OutboxPublisher(_outbox, transport, _options, _time, new ListLogger<OutboxPublisher>());
        Task done = AcknowledgedCount(publisher, 10);
        publisher.Start();
        await transport.SentCount(4);
        Assert.Equal(["t/0", "t/1", "t/2", "t/3"], transport.Topics);

        // PUBACK of the oldest opens one slot.
        transport.Complete(0, true);
        await transport.SentCount(5);
        Assert.Equal("t/4", transport.Topics[4]);
        Assert.Equal(5, transport.Topics.Count);

        for (int i = 1; i < 10; i++)
        {
            await transport.SentCount(Math.Min(i + 4, 10));
            transport.Complete(i, true);
        }

        await done;
        await publisher.DisposeAsync();
        Assert.Equal(0, _outbox.Count);
    }

    [Fact]
    public async Task Run_FailureInsideWindow_ResendsFromTheFailedRecordAfterTheWindowSettles()
    {
        _options.MaxInFlight = 4;
        var transport = new HeldTransport();
        for (int i = 0; i < 4; i++)
        {
            _outbox.Enqueue(TestRecords.IdFor(i), "t/" + i, TestRecords.Payload(i));
        }

        var publisher = new OutboxPublisher(_outbox, transport, _options, _time, new ListLogger<OutboxPublisher>());
        var acknowledged = new List<long>();
        publisher.Acknowledged += e => acknowledged.Add(e.Sequence);
        Task done = AcknowledgedCount(publisher, 4);
        publisher.Start();
        await transport.SentCount(4);
        transport.Complete(0, true);
        transport.Complete(1, false);
        transport.Complete(2, true);

        // Nothing is re-sent while t/3 is still outstanding.
        Assert.Equal(4, transport.Topics.Count);
        transport.Complete(3, true);

        // Back-off, then everything from the failed record again, in order.
        TimeSpan delay = await _time.NextTimerAsync();
        _time.Fake.Advance(delay);
        await transport.SentCount(7);
        Assert.Equal(["t/0", "t/1", "t/2", "t/3", "t/1", "t/2", "t/3"], transport.Topics);
        for (int i = 4; i < 7; i++)
        {
            transport.Complete(i, true);
        }

        await done;
        await publisher.DisposeAsync();
        Assert.Equal(acknowledged.Order(), acknowledged);
        Assert.Equal(0, _outbox.Count);
    }

    /// <summary>A transport whose publishes stay outstanding until the test completes them.</summary>
    private sealed class HeldTransport : IRecordTransport
    {
        private readonly Lock _gate = new();
        private readonly List<TaskCompletionSource<bool>> _acks = [];
        private readonly List<string> _topics = [];
        private TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsConnected => true;

        public IReadOnlyList<string> Topics
        {
            get
            {
                lock (_gate)
                {
                    return [.. _topics];
                }
            }
        }

        public Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            var ack = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            TaskCompletionSource sent;
            lock (_gate)
            {
                _topics.Add(topic);
                _acks.Add(ack);
                sent = _sent;
                _sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            sent.TrySetResult();
            return ack.Task.WaitAsync(cancellationToken);
        }

        public void Complete(int publish, bool success)
        {
            lock (_gate)
            {
                _acks[publish].TrySetResult(success);
            }
        }

        public async Task SentCount(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                Task next;
                lock (_gate)
                {
                    if (_topics.Count >= count)
                    {
                        return;
                    }

                    next = _sent.Task;
                }

                await next.WaitAsync(timeout.Token);
            }
        }
    }
}

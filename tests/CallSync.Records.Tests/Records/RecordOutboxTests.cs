using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Records.Tests.Records;

public sealed class RecordOutboxTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private RecordOutbox Create(RecordsDatabase db, int maxRows = 100, ListLogger<RecordOutbox>? logger = null) =>
        new(db, new OutboxOptions { MaxRows = maxRows }, new FakeTimeProvider(), logger ?? new ListLogger<RecordOutbox>());

    [Fact]
    public void Open_NewDatabase_UsesWalAndSynchronousFull()
    {
        using RecordsDatabase db = RecordsDatabase.OpenInDirectory(_dir.Path);
        Assert.Equal("wal", db.ReadPragma("journal_mode"));
        Assert.Equal("2", db.ReadPragma("synchronous"));
        Assert.Equal(Path.Combine(_dir.Path, "callsync.db"), db.FilePath);
    }

    [Fact]
    public void Peek_SeveralEnqueued_ReturnsThemInEnqueueOrder()
    {
        using RecordsDatabase db = RecordsDatabase.OpenInDirectory(_dir.Path);
        RecordOutbox outbox = Create(db);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(EnqueueOutcome.Enqueued, outbox.Enqueue(TestRecords.IdFor(i), "t", TestRecords.Payload(i)));
        }

        IReadOnlyList<OutboxEntry> entries = outbox.Peek(0, 100);
        Assert.Equal(Enumerable.Range(0, 10).Select(TestRecords.IdFor), entries.Select(e => e.RecordId));
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(TestRecords.Payload(3), entries[3].Payload);
        Assert.Equal(entries.Skip(5).Select(e => e.RecordId), outbox.Peek(entries[4].Sequence, 100).Select(e => e.RecordId));
    }

    [Fact]
    public void Enqueue_SameRecordTwice_SecondIsAlreadyQueued()
    {
        using RecordsDatabase db = RecordsDatabase.OpenInDirectory(_dir.Path);
        RecordOutbox outbox = Create(db);
        Assert.Equal(EnqueueOutcome.Enqueued, outbox.Enqueue(TestRecords.IdFor(1), "t", TestRecords.Payload(1)));
        Assert.Equal(EnqueueOutcome.AlreadyQueued, outbox.Enqueue(TestRecords.IdFor(1), "t", TestRecords.Payload(1)));
        Assert.Equal(1, outbox.Count);
    }

    [Fact]
    public void Enqueue_AtCapacity_RefusesAndLogsErrorWithoutDropping()
    {
        using RecordsDatabase db = RecordsDatabase.OpenInDirectory(_dir.Path);
        var logger = new ListLogger<RecordOutbox>();
        RecordOutbox outbox = Create(db, maxRows: 10, logger);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(EnqueueOutcome.Enqueued, outbox.Enqueue(TestRecords.IdFor(i), "t", TestRecords.Payload(i)));
        }

        Assert.Equal(EnqueueOutcome.Full, outbox.Enqueue(TestRecords.IdFor(10), "t", TestRecords.Payload(10)));
        Assert.Equal(10, outbox.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(TestRecords.IdFor), outbox.Peek(0, 100).Select(e => e.RecordId));
        Assert.Equal(1, logger.Count(4012));
    }

    [Fact]
    public void Enqueue_ReachingEightyPercent_WarnsOncePerCrossing()
    {
        using RecordsDatabase db = RecordsDatabase.OpenInDirectory(_dir.Path);
        var logger = new ListLogger<RecordOutbox>();
        RecordOutbox outbox = Create(db, maxRows: 10, logger);
        for (int i = 0; i < 7; i++)
        {
            outbox.Enqueue(TestRecords.IdFor(i), "t", TestRecords.Payload(i));
        }

        Assert.Equal(0, logger.Count(4010));
        outbox.Enqueue(TestRecords.IdFor(7), "t", TestRecords.Payload(7));
        Assert.Equal(1, logger.Count(4010));
        outbox.Enqueue(TestRecords.IdFor(8), "t", TestRecords.Payload(8));
        Assert.Equal(1, logger.Count(4010));

        outbox.RemoveThrough(outbox.Peek(0, 5)[4].Sequence);
        Assert.Equal(1, logger.Count(4011));
        for (int i = 9; i < 13; i++)
        {
            outbox.Enqueue(TestRecords.IdFor(i), "t", TestRecords.Payload(i));
        }

        Assert.Equal(2, logger.Count(4010));
    }

    [Fact]
    public void Enqueue_ThenDisposeAndReopen_RecordsSurviveInOrder()
    {
        using (RecordsDatabase db = RecordsDatabase.OpenInDirectory(_dir.Path))
        {
            RecordOutbox outbox = Create(db);
            for (int i = 0; i < 5; i++)
            {
                outbox.Enqueue(TestRecords.IdFor(i), "t", TestRecords.Payload(i));
            }

            outbox.RemoveThrough(outbox.Peek(0, 1)[0].Sequence);
        }

        using RecordsDatabase reopened = RecordsDatabase.OpenInDirectory(_dir.Path);
        RecordOutbox again = Create(reopened);
        Assert.Equal(4, again.Count);
        Assert.Equal(Enumerable.Range(1, 4).Select(TestRecords.IdFor), again.Peek(0, 100).Select(e => e.RecordId));
        again.Enqueue(TestRecords.IdFor(9), "t", TestRecords.Payload(9));
        Assert.Equal(TestRecords.IdFor(9), again.Peek(0, 100)[^1].RecordId);
    }

    [Fact]
    public void BootCounter_Next_IncrementsAcrossReopen()
    {
        using (RecordsDatabase db = RecordsDatabase.OpenInDirectory(_dir.Path))
        {
            Assert.Equal(1, BootCounter.Next(db));
            Assert.Equal(2, BootCounter.Next(db));
        }

        using RecordsDatabase reopened = RecordsDatabase.OpenInDirectory(_dir.Path);
        Assert.Equal(2, BootCounter.Current(reopened));
        Assert.Equal(3, BootCounter.Next(reopened));
    }

    [Fact]
    public void RetryBackoff_Next_StaysWithinHalfAndFullCeilingAndCaps()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(7));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Ceiling(0));
        Assert.Equal(TimeSpan.FromSeconds(8), backoff.Ceiling(3));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Ceiling(6));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Ceiling(1000));
        var seen = new HashSet<TimeSpan>();
        for (int attempt = 0; attempt < 10; attempt++)
        {
            for (int i = 0; i < 50; i++)
            {
                TimeSpan d = backoff.Next(attempt);
                Assert.InRange(d, backoff.Ceiling(attempt) / 2, backoff.Ceiling(attempt));
                seen.Add(d);
            }
        }

        Assert.True(seen.Count > 100, "jitter must spread the delays");
    }
}

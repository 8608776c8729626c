using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Records.Tests.Records;

public sealed class RecordingOutboxTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RecordsDatabase _db;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<RecordingOutbox> _logger = new();

    public RecordingOutboxTests() => _db = RecordsDatabase.OpenInDirectory(_dir.Path);

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private RecordingOutbox Create(long quota, TimeSpan maxAge) =>
        new(_db, new RetentionOptions { QuotaBytes = quota, MaxAge = maxAge }, _time, _logger);

    private string Enqueue(RecordingOutbox store, int index, long bytes)
    {
        string path = Path.Combine(_dir.Path, index + ".opus");
        File.WriteAllBytes(path, new byte[bytes]);
        Assert.True(store.Enqueue(TestRecords.IdFor(index), path, bytes, new string('0', 64)));
        _time.Advance(TimeSpan.FromMinutes(1));
        return path;
    }

    [Fact]
    public void ListPending_SeveralRecordings_OldestFirstAndWithoutDelivered()
    {
        RecordingOutbox store = Create(1_000_000, TimeSpan.FromDays(7));
        for (int i = 0; i < 4; i++)
        {
            Enqueue(store, i, 10);
        }

        Assert.True(store.MarkDelivered(TestRecords.IdFor(1)));
        Assert.False(store.MarkDelivered(TestRecords.IdFor(1)));
        Assert.False(store.MarkDelivered(Guid.NewGuid()));
        Assert.Equal(new[] { 0, 2, 3 }.Select(TestRecords.IdFor), store.ListPending().Select(p => p.RecordId));
        Assert.Equal(3, store.PendingCount);
    }

    [Fact]
    public void ApplyRetention_DeliveredOlderThanMaxAge_DeletesOnlyThose()
    {
        RecordingOutbox store = Create(1_000_000, TimeSpan.FromHours(1));
        string delivered = Enqueue(store, 0, 10);
        string undelivered = Enqueue(store, 1, 10);
        store.MarkDelivered(TestRecords.IdFor(0));

        Assert.Equal(0, store.ApplyRetention().ExpiredDelivered);
        _time.Advance(TimeSpan.FromHours(2));
        RetentionResult result = store.ApplyRetention();

        Assert.Equal(1, result.ExpiredDelivered);
        Assert.Equal(0, result.EvictedUndelivered);
        Assert.False(File.Exists(delivered));
        Assert.True(File.Exists(undelivered));
    }

    [Fact]
    public void ApplyRetention_OverQuota_RemovesDeliveredFirstThenOldestUndeliveredWithError()
    {
        RecordingOutbox store = Create(quota: 250, TimeSpan.FromDays(7));
        string u0 = Enqueue(store, 0, 100);
        string d1 = Enqueue(store, 1, 100);
        string u2 = Enqueue(store, 2, 100);
        string u3 = Enqueue(store, 3, 100);
        store.MarkDelivered(TestRecords.IdFor(1));

        RetentionResult result = store.ApplyRetention();

        Assert.Equal(1, result.QuotaDelivered);
        Assert.Equal(1, result.EvictedUndelivered);
        Assert.Equal(200, result.BytesAfter);
        Assert.False(File.Exists(d1));
        Assert.False(File.Exists(u0));
        Assert.True(File.Exists(u2));
        Assert.True(File.Exists(u3));
        Assert.Equal(new[] { 2, 3 }.Select(TestRecords.IdFor), store.ListPending().Select(p => p.RecordId));
        Assert.Equal(1, _logger.Count(4031));
    }
}

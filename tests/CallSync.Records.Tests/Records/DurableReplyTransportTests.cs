using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;

namespace CallSync.Records.Tests.Records;

public sealed class DurableReplyTransportTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RecordsDatabase _db;

    public DurableReplyTransportTests() => _db = RecordsDatabase.OpenInDirectory(_dir.Path);

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task PublishAsync_BrokerDown_ReplyCommittedBehindEarlierRecords()
    {
        var outbox = new RecordOutbox(_db, new OutboxOptions(), TimeProvider.System, new ListLogger<RecordOutbox>());
        outbox.Enqueue(TestRecords.IdFor(1), "calls", TestRecords.Payload(1));
        var direct = new FakeTransport { IsConnected = false };
        var replies = new DurableReplyTransport(outbox, direct);

        Assert.True(await replies.PublishAsync("replies", "{\"status\":\"succeeded\"}"u8.ToArray(), CancellationToken.None));

        Assert.Equal(0, direct.Attempts);
        Assert.Equal(["calls", "replies"], outbox.Peek(0, 10).Select(e => e.Topic));
        Assert.Equal("{\"status\":\"succeeded\"}"u8.ToArray(), outbox.Peek(0, 10)[1].Payload);
    }

    [Fact]
    public async Task PublishAsync_OutboxFull_PublishesDirectly()
    {
        var outbox = new RecordOutbox(_db, new OutboxOptions { MaxRows = 1 }, TimeProvider.System, new ListLogger<RecordOutbox>());
        outbox.Enqueue(TestRecords.IdFor(1), "calls", TestRecords.Payload(1));
        var direct = new FakeTransport();
        var replies = new DurableReplyTransport(outbox, direct);

        Assert.True(await replies.PublishAsync("replies", "{}"u8.ToArray(), CancellationToken.None));

        Assert.Equal("replies", Assert.Single(direct.Published).Topic);
        Assert.Equal(1, outbox.Count);
    }
}

using System.Text.Json;
using CallSync.Contracts;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Records.Tests.Records;

public sealed class CallSplitterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RecordsDatabase _db;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));
    private readonly RecordOutbox _records;
    private readonly RecordingOutbox _recordings;
    private readonly CallSplitter _splitter;

    public CallSplitterTests()
    {
        _db = RecordsDatabase.OpenInDirectory(_dir.Path);
        _records = new RecordOutbox(_db, new OutboxOptions { MaxRows = 3 }, _time, new ListLogger<RecordOutbox>());
        _recordings = new RecordingOutbox(_db, new RetentionOptions { QuotaBytes = 250, MaxAge = TimeSpan.FromDays(1) }, _time, new ListLogger<RecordingOutbox>());
        _splitter = new CallSplitter(_db, _records, _recordings, TestRecords.Device, new ListLogger<CallSplitter>());
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private FinishedRecording Recording(Guid id, long bytes)
    {
        string path = Path.Combine(_dir.Path, id + ".opus");
        File.WriteAllBytes(path, new byte[bytes]);
        return new FinishedRecording { Path = path, Bytes = bytes, Duration = TimeSpan.FromSeconds(60.25), Sha256 = new string('A', 64) };
    }

    private static CallRecord Parse(OutboxEntry entry) => JsonSerializer.Deserialize(entry.Payload, CallSyncJsonContext.Default.CallRecord)!;

    [Fact]
    public void Split_CallWithRecording_QueuesRecordAndAudioUnderTheSameId()
    {
        Guid id = TestRecords.IdFor(1);
        SplitResult result = _splitter.Split(TestRecords.Call(id, Recording(id, 100)));

        Assert.Equal(SplitOutcome.Split, result.Outcome);
        OutboxEntry entry = Assert.Single(_records.Peek(0, 10));
        Assert.Equal(id, entry.RecordId);
        Assert.Equal("callsync/v1/devices/desk-test/calls", entry.Topic);
        CallRecord record = Parse(entry);
        Assert.Equal(id, record.Recording!.Id);
        Assert.Equal(new string('a', 64), record.Recording.Sha256);
        PendingRecording pending = Assert.Single(_recordings.ListPending());
        Assert.Equal(id, pending.RecordId);
        Assert.Equal(100, pending.Bytes);
    }

    [Fact]
    public void Split_RecordOfAnotherDevice_ThrowsAndWritesNothing()
    {
        FinishedCall call = TestRecords.Call(TestRecords.IdFor(1));
        call = call with { Record = call.Record with { DeviceId = "desk-other" } };

        var thrown = Assert.Throws<ArgumentException>(() => _splitter.Split(call));

        Assert.Contains("desk-other", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(_records.Peek(0, 10));
    }

    [Fact]
    public void Split_OutboxFull_WritesNeitherRecordNorRecording()
    {
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(SplitOutcome.Split, _splitter.Split(TestRecords.Call(TestRecords.IdFor(i))).Outcome);
        }

        Guid id = TestRecords.IdFor(9);
        SplitResult refused = _splitter.Split(TestRecords.Call(id, Recording(id, 10)));

        Assert.Equal(SplitOutcome.OutboxFull, refused.Outcome);
        Assert.Equal(3, _records.Count);
        Assert.Empty(_recordings.ListPending());
    }

    [Fact]
    public void Split_SameCallTwice_SecondIsAlreadySplit()
    {
        Guid id = TestRecords.IdFor(1);
        _splitter.Split(TestRecords.Call(id, Recording(id, 10)));
        Assert.Equal(SplitOutcome.AlreadySplit, _splitter.Split(TestRecords.Call(id, Recording(id, 10))).Outcome);
        Assert.Equal(1, _records.Count);
    }

    [Fact]
    public void Split_AfterQuotaEviction_FlagsOnlyTheNextRecord()
    {
        Guid a = TestRecords.IdFor(1);
        Guid b = TestRecords.IdFor(2);
        FinishedRecording ra = Recording(a, 200);
        _splitter.Split(TestRecords.Call(a, ra));
        _time.Advance(TimeSpan.FromMinutes(1));
        _splitter.Split(TestRecords.Call(b, Recording(b, 200)));

        RetentionResult retention = _recordings.ApplyRetention();
        Assert.Equal(1, retention.EvictedUndelivered);
        Assert.False(File.Exists(ra.Path));

        Guid c = TestRecords.IdFor(3);
        _records.RemoveThrough(_records.Peek(0, 10)[^1].Sequence);
        _splitter.Split(TestRecords.Call(c));
        Guid d = TestRecords.IdFor(4);
        _splitter.Split(TestRecords.Call(d));

        IReadOnlyList<OutboxEntry> entries = _records.Peek(0, 10);
        Assert.Contains(RecordFlags.RecordingsEvicted, Parse(entries[0]).Flags);
        Assert.DoesNotContain(RecordFlags.RecordingsEvicted, Parse(entries[1]).Flags);
    }

    [Fact]
    public void Split_ThenReopenDatabase_BothOutboxesSurvive()
    {
        Guid id = TestRecords.IdFor(5);
        _splitter.Split(TestRecords.Call(id, Recording(id, 10)));
        _db.Dispose();

        using RecordsDatabase reopened = RecordsDatabase.OpenInDirectory(_dir.Path);
        var records = new RecordOutbox(reopened, new OutboxOptions(), _time, new ListLogger<RecordOutbox>());
        var recordings = new RecordingOutbox(reopened, new RetentionOptions(), _time, new ListLogger<RecordingOutbox>());
        Assert.Equal(id, Assert.Single(records.Peek(0, 10)).RecordId);
        Assert.Equal(id, Assert.Single(recordings.ListPending()).RecordId);
    }
}

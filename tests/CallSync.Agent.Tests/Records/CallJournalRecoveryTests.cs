using System.Text.Json;
using CallSync.Agent.Calls;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Agent.Records;
using CallSync.Contracts;
using CallSync.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Agent.Tests.Records;

/// <summary>No call record is lost: not to a crash mid-call, not to a full outbox, not to a crash while parked.</summary>
public sealed class CallJournalRecoveryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-journal-").FullName;
    private static readonly CallOrigin Keypad = new() { Kind = OriginKind.Keypad };
    private readonly FakeTimeProvider _time = new(T0);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task StartAsync_CallAnsweredBeforeCrash_RecordIsAnsweredEndedBySystemWithoutDowntime()
    {
        using (var run = Run.Open(_dir, _time, maxRows: 10))
        {
            var recordId = Guid.NewGuid();
            run.Journal.Begin(recordId, "call-1@desk", CallDirection.Outgoing, "2002", Keypad, T0);
            run.Journal.Answered(recordId, T0.AddSeconds(4));
        }

        // The agent was down for an hour before it came back.
        _time.Advance(TimeSpan.FromHours(1));
        using var next = Run.Open(_dir, _time, maxRows: 10);
        await next.Recovery.StartAsync(CancellationToken.None);

        var record = Assert.Single(next.OutboxRecords());
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.Equal(CallEndedBy.System, record.EndedBy);
        Assert.Equal(T0.AddSeconds(4), record.AnsweredAt);
        Assert.Equal(4, record.RingSeconds);
        Assert.Equal(0, record.TalkSeconds);
        Assert.Empty(next.Journal.Leftovers());
        await next.Recovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_LastLineCutOffByPowerCut_SkipsItAndRecoversTheOtherCalls()
    {
        string path;
        using (var run = Run.Open(_dir, _time, maxRows: 10))
        {
            run.Journal.Begin(Guid.NewGuid(), "call-a@desk", CallDirection.Outgoing, "2002", Keypad, T0);
            path = run.Journal.Path;
        }

        var cut = "{\"recordId\":\"" + Guid.NewGuid() + "\",\"entry\":{\"recordId\":";
        File.AppendAllText(path, cut);

        using var next = Run.Open(_dir, _time, maxRows: 10);
        await next.Recovery.StartAsync(CancellationToken.None);

        Assert.Equal("call-a@desk", Assert.Single(next.OutboxRecords()).CallId);
        Assert.Empty(next.Journal.Leftovers());
        await next.Recovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Begin_ManyCallsEnded_JournalStaysSmallAndTheLiveCallSurvivesTheRewrites()
    {
        string path;
        using (var run = Run.Open(_dir, _time, maxRows: 10))
        {
            run.Journal.Begin(Guid.NewGuid(), "call-live@desk", CallDirection.Incoming, "2009", Keypad, T0);
            for (var i = 0; i < 2000; i++)
            {
                var recordId = Guid.NewGuid();
                run.Journal.Begin(recordId, $"call-{i}@desk", CallDirection.Outgoing, "2002", Keypad, T0);
                run.Journal.Answered(recordId, T0.AddSeconds(1));
                run.Journal.End(recordId);
            }

            path = run.Journal.Path;
            Assert.InRange(new FileInfo(path).Length, 1, CallJournal.CompactAt + 4096);
        }

        using var next = Run.Open(_dir, _time, maxRows: 10);
        await next.Recovery.StartAsync(CancellationToken.None);

        Assert.Equal("call-live@desk", Assert.Single(next.OutboxRecords()).CallId);
        Assert.InRange(new FileInfo(path).Length, 1, 1024); // rewritten at start: the live call and its end
        Assert.Empty(next.Journal.Leftovers());
        await next.Recovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Begin_JournalCannotBeWritten_CallGoesOnAndTheNextChangeRewritesItWhole()
    {
        using (var run = Run.Open(_dir, _time, maxRows: 10))
        {
            Directory.CreateDirectory(run.Journal.Path); // stands in for a write the file system refuses
            run.Journal.Begin(Guid.NewGuid(), "call-a@desk", CallDirection.Outgoing, "2002", Keypad, T0);
            Directory.Delete(run.Journal.Path);
            run.Journal.Begin(Guid.NewGuid(), "call-b@desk", CallDirection.Outgoing, "2003", Keypad, T0);
        }

        using var next = Run.Open(_dir, _time, maxRows: 10);
        await next.Recovery.StartAsync(CancellationToken.None);

        Assert.Equal(["call-a@desk", "call-b@desk"], next.OutboxRecords().Select(r => r.CallId).Order(StringComparer.Ordinal));
        await next.Recovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_CallNeverAnswered_RecordIsFailed()
    {
        using (var run = Run.Open(_dir, _time, maxRows: 10))
        {
            run.Journal.Begin(Guid.NewGuid(), "call-2@desk", CallDirection.Incoming, "2003", Keypad, T0);
        }

        using var next = Run.Open(_dir, _time, maxRows: 10);
        await next.Recovery.StartAsync(CancellationToken.None);

        var record = Assert.Single(next.OutboxRecords());
        Assert.Equal(CallResult.Failed, record.Result);
        Assert.Null(record.AnsweredAt);
        await next.Recovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Commit_OutboxFull_ParksTheCallAndKeepsItInHistory()
    {
        using var run = Run.Open(_dir, _time, maxRows: 1);
        Assert.Equal(SplitOutcome.Split, run.Committer.Commit(Finished(T0), wasParked: false).Outcome);

        var refused = Finished(T0.AddMinutes(1));
        Assert.Equal(SplitOutcome.OutboxFull, run.Committer.Commit(refused, wasParked: false).Outcome);

        Assert.True(run.Journal.HasParked);
        Assert.Equal(refused.Record.RecordId, Assert.Single(run.Journal.Parked()).Record.RecordId);
        Assert.Contains(refused.Record.RecordId, run.History.Find([refused.Record.RecordId]).Keys);
        Assert.Single(run.OutboxRecords());
    }

    [Fact]
    public async Task ExecuteAsync_OutboxDrains_ParkedCallsCommittedInOrderOnNextTick()
    {
        using var run = Run.Open(_dir, _time, maxRows: 1);
        run.Committer.Commit(Finished(T0), wasParked: false);
        var second = Finished(T0.AddMinutes(1));
        var third = Finished(T0.AddMinutes(2));
        run.Committer.Commit(second, wasParked: false);
        run.Committer.Commit(third, wasParked: false);
        await run.Recovery.StartAsync(CancellationToken.None);

        // The broker acknowledges the first record: room for exactly one more.
        run.Outbox.RemoveThrough(run.Outbox.Peek(0, 1)[0].Sequence);
        _time.Advance(CallJournalRecovery.RetryInterval);
        await WaitUntil(() => run.Journal.Parked().Count == 1);
        Assert.Equal(second.Record.RecordId, Assert.Single(run.OutboxRecords()).RecordId);
        Assert.Equal(third.Record.RecordId, Assert.Single(run.Journal.Parked()).Record.RecordId);

        run.Outbox.RemoveThrough(run.Outbox.Peek(0, 1)[0].Sequence);
        _time.Advance(CallJournalRecovery.RetryInterval);
        await WaitUntil(() => !run.Journal.HasParked);
        Assert.Equal(third.Record.RecordId, Assert.Single(run.OutboxRecords()).RecordId);
        await run.Recovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_ParkedCallSurvivesCrash_CommittedExactlyAsItEnded()
    {
        var parked = Finished(T0.AddMinutes(1));
        parked = parked with { Record = parked.Record with { AnsweredAt = T0.AddSeconds(30), Result = CallResult.Answered, EndedBy = CallEndedBy.Remote } };
        using (var run = Run.Open(_dir, _time, maxRows: 1))
        {
            run.Committer.Commit(Finished(T0), wasParked: false);
            run.Committer.Commit(parked, wasParked: false);
            run.Outbox.RemoveThrough(run.Outbox.Peek(0, 1)[0].Sequence);
        }

        using var next = Run.Open(_dir, _time, maxRows: 1);
        await next.Recovery.StartAsync(CancellationToken.None);

        var record = Assert.Single(next.OutboxRecords());
        Assert.Equal(parked.Record.RecordId, record.RecordId);
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.Equal(CallEndedBy.Remote, record.EndedBy);
        Assert.Equal(parked.Record.EndedAt, record.EndedAt);
        Assert.False(next.Journal.HasParked);
        Assert.Empty(next.Journal.Leftovers());
        await next.Recovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_CallParkedByAnEarlierAgent_CommittedWholeWithThisPhonesIdentity()
    {
        // A journal line as agents before the record/recording split wrote a parked call: its fields flat.
        const string line = """
            {"recordId":"6f1c1a52-3b1e-4c8e-9d0a-0d7f3c2b9a11","entry":{"recordId":"6f1c1a52-3b1e-4c8e-9d0a-0d7f3c2b9a11","callId":"c-old@desk","direction":"incoming","remote":"+15550100","origin":{"kind":"network"},"startedAt":"2026-11-23T09:00:00+00:00","answeredAt":"2026-11-23T09:00:04+00:00","finished":{"recordId":"6f1c1a52-3b1e-4c8e-9d0a-0d7f3c2b9a11","callId":"c-old@desk","direction":"incoming","localNumber":"1001","remoteNumber":"+15550100","startedAt":"2026-11-23T09:00:00+00:00","ringingAt":"2026-11-23T09:00:01+00:00","answeredAt":"2026-11-23T09:00:04+00:00","endedAt":"2026-11-23T09:01:04+00:00","result":"answered","sipStatus":200,"sipReason":"OK","endedBy":"remote","codec":"PCMU/8000","quality":{"lossPercent":0.5,"jitterMs":3.2,"mos":4.3},"origin":{"kind":"network"},"dtmf":[{"digit":"5","offsetSeconds":12.5,"method":"rfc4733"}],"recording":null}}}
            """;
        File.WriteAllText(Path.Combine(_dir, "calls.journal"), line + "\n");

        using var run = Run.Open(_dir, _time, maxRows: 10);
        await run.Recovery.StartAsync(CancellationToken.None);

        var record = Assert.Single(run.OutboxRecords());
        Assert.Equal(Guid.Parse("6f1c1a52-3b1e-4c8e-9d0a-0d7f3c2b9a11"), record.RecordId);
        Assert.Equal("desk-0001", record.DeviceId);
        Assert.Equal("1001", record.DeviceNumber);
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.Equal(CallEndedBy.Remote, record.EndedBy);
        Assert.Equal(60, record.TalkSeconds);
        Assert.Equal("+15550100", record.RemoteNumber.Raw);
        Assert.Equal("PCMU/8000", record.Codec);
        Assert.Equal(4.3, record.Quality?.Mos);
        Assert.Equal("5", Assert.Single(record.Dtmf).Digit);
        Assert.False(run.Journal.HasParked);
        await run.Recovery.StopAsync(CancellationToken.None);
    }

    private static FinishedCall Finished(DateTimeOffset endedAt) => new()
    {
        Record = new CallRecord
        {
            RecordId = Guid.NewGuid(),
            CallId = Guid.NewGuid() + "@desk",
            DeviceId = "desk-0001", // the example configuration's device, as Run.Open's splitter
            DeviceNumber = "1001",
            Direction = CallDirection.Outgoing,
            LocalNumber = PartyNumber.From("1001"),
            RemoteNumber = PartyNumber.From("2002"),
            StartedAt = endedAt.AddSeconds(-40),
            EndedAt = endedAt,
            Result = CallResult.NoAnswer,
            EndedBy = CallEndedBy.Local,
            Origin = new CallOrigin { Kind = OriginKind.Keypad },
        },
    };

    private static async Task WaitUntil(Func<bool> condition)
    {
        // The timer tick runs on the thread pool after Advance; give it bounded time to run.
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>One run of the agent's record pipeline over a data directory.</summary>
    private sealed class Run : IDisposable
    {
        private readonly RecordsDatabase _database;

        private Run(RecordsDatabase database, RecordOutbox outbox, CallJournal journal, CallHistory history, RecordCommitter committer, CallJournalRecovery recovery)
        {
            _database = database;
            Outbox = outbox;
            Journal = journal;
            History = history;
            Committer = committer;
            Recovery = recovery;
        }

        public RecordOutbox Outbox { get; }

        public CallJournal Journal { get; }

        public CallHistory History { get; }

        public RecordCommitter Committer { get; }

        public CallJournalRecovery Recovery { get; }

        public static Run Open(string dir, TimeProvider time, int maxRows)
        {
            var options = Options(dir);
            var data = DataDirectory.Prepare(dir);
            var database = RecordsDatabase.OpenInDirectory(dir);
            var outbox = new RecordOutbox(database, new OutboxOptions { MaxRows = maxRows }, time, NullLogger<RecordOutbox>.Instance);
            var recordings = new RecordingOutbox(database, new RetentionOptions(), time, NullLogger<RecordingOutbox>.Instance);
            var splitter = new CallSplitter(database, outbox, recordings, new DeviceIdentity(options.Device.Id, options.Device.Number), NullLogger<CallSplitter>.Instance);
            var journal = new CallJournal(data, NullLogger<CallJournal>.Instance);
            var history = new CallHistory(data, NullLogger<CallHistory>.Instance);
            var committer = new RecordCommitter(splitter, history, journal, new RecordsNotifier(), NullLogger<RecordCommitter>.Instance);
            var recovery = new CallJournalRecovery(options, data, journal, committer, history, time, NullLogger<CallJournalRecovery>.Instance);
            return new Run(database, outbox, journal, history, committer, recovery);
        }

        public IReadOnlyList<CallRecord> OutboxRecords() =>
            [.. Outbox.Peek(0, 100).Select(e => JsonSerializer.Deserialize(e.Payload, CallSyncJsonContext.Default.CallRecord)!)];

        public void Dispose()
        {
            Recovery.Dispose();
            Journal.Dispose();
            _database.Dispose();
        }

        private static AgentOptions Options(string dir)
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(AgentOptionsReaderTests.ExampleJson));
            var config = new ConfigurationBuilder()
                .AddJsonStream(stream)
                .AddInMemoryCollection([new KeyValuePair<string, string?>("Device:DataDir", dir)])
                .Build();
            return AgentOptionsReader.Read(config, out _);
        }
    }
}

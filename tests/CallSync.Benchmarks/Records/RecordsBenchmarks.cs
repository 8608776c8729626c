using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CallSync.Contracts;
using CallSync.Records;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Benchmarks.Records;

/// <summary>
/// CPU and storage cost per call record on the phone: serialising a record, verifying a command signature, and one
/// durable split (build + serialise + one WAL synchronous=FULL transaction). The end-to-end MQTT numbers come from
/// the load test in tests/CallSync.Records.Tests (OutboxLoadTests), see docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class RecordsBenchmarks : IDisposable
{
    private static readonly byte[] Key = new byte[32];
    private readonly CallRecord _record = new()
    {
        RecordId = Guid.NewGuid(),
        CallId = "a84b4c76e66710@desk",
        DeviceId = "desk-0042",
        DeviceNumber = "201",
        Direction = CallDirection.Outgoing,
        LocalNumber = PartyNumber.From("201"),
        RemoteNumber = PartyNumber.From("+49 30 1234567"),
        StartedAt = DateTimeOffset.UnixEpoch,
        EndedAt = DateTimeOffset.UnixEpoch.AddMinutes(2),
        Result = CallResult.Answered,
        EndedBy = CallEndedBy.Remote,
        Origin = new CallOrigin { Kind = OriginKind.Keypad },
    };

    private DeviceCommand _command = null!;
    private string _dir = null!;
    private RecordsDatabase _db = null!;
    private CallSplitter _splitter = null!;
    private RecordOutbox _outbox = null!;

    [GlobalSetup]
    public void Setup()
    {
        _command = CommandSignature.Sign(
            new DeviceCommand { CommandId = "c-1", Type = CommandTypes.Dial, Args = new CommandArgs { Number = "+4930123" }, IssuedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch.AddMinutes(5) },
            "desk-0042",
            Key);
        _dir = Path.Combine(Path.GetTempPath(), "callsync-bench-" + Guid.NewGuid().ToString("N"));
        _db = RecordsDatabase.OpenInDirectory(_dir);
        _outbox = new RecordOutbox(_db, new OutboxOptions { MaxRows = int.MaxValue }, TimeProvider.System, NullLogger<RecordOutbox>.Instance);
        var recordings = new RecordingOutbox(_db, new RetentionOptions(), TimeProvider.System, NullLogger<RecordingOutbox>.Instance);
        _splitter = new CallSplitter(_db, _outbox, recordings, new DeviceIdentity("desk-0042", "201"), NullLogger<CallSplitter>.Instance);
    }

    [Benchmark]
    public byte[] SerializeRecord() => JsonSerializer.SerializeToUtf8Bytes(_record, CallSyncJsonContext.Default.CallRecord);

    [Benchmark]
    public bool VerifyCommand() => CommandSignature.Verify(_command, "desk-0042", Key);

    [Benchmark]
    public SplitOutcome DurableSplit() => _splitter.Split(new FinishedCall { Record = _record with { RecordId = Guid.NewGuid() } }).Outcome;

    [GlobalCleanup]
    public void Dispose()
    {
        _db?.Dispose();
        if (_dir is not null && Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

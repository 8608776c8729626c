using System.Globalization;
using CallSync.Contracts;
using CallSync.Mqtt;
using CallSync.Records;
using CallSync.Records.Tests.Publisher;

// Enqueues records 0..count-1 (deterministic content per index) through the splitter while the outbox publisher
// drains them to the broker. Progress survives SIGKILL in <data>/progress; "ENQUEUED i" lines go to stdout.
PublisherArgs options = PublisherArgs.Parse(args);
TimeProvider time = TimeProvider.System;
var device = new DeviceIdentity(options.DeviceId, "201");
using RecordsDatabase db = RecordsDatabase.OpenInDirectory(options.DataDir);
var outboxOptions = new OutboxOptions { RetryInitialDelay = TimeSpan.FromMilliseconds(200), RetryMaxDelay = TimeSpan.FromSeconds(2) };
var outbox = new RecordOutbox(db, outboxOptions, time, new StderrLogger<RecordOutbox>());
var recordings = new RecordingOutbox(db, new RetentionOptions(), time, new StderrLogger<RecordingOutbox>());
var splitter = new CallSplitter(db, outbox, recordings, device, new StderrLogger<CallSplitter>());

if (options.Mode == "commit-and-die")
{
    // Power-cut simulation: commit, then SIGKILL ourselves before any publish could happen.
    splitter.Split(Call(options.Count, device));
    Console.Out.WriteLine("COMMITTED " + options.Count.ToString(CultureInfo.InvariantCulture));
    Console.Out.Flush();
    System.Diagnostics.Process.GetCurrentProcess().Kill();
    return 1;
}

long boot = BootCounter.Next(db);
Console.Out.WriteLine("BOOT " + boot.ToString(CultureInfo.InvariantCulture));
var mqttOptions = new MqttLinkOptions
{
    Url = options.Url,
    KeepAlive = TimeSpan.FromSeconds(options.KeepAliveSeconds),
    ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
    ReconnectMaxDelay = TimeSpan.FromSeconds(1),
    OperationTimeout = TimeSpan.FromSeconds(5),
};
await using var link = new MqttLink(mqttOptions, device, boot, time, new StderrLogger<MqttLink>());
await using var publisher = new OutboxPublisher(outbox, link, outboxOptions, time, new StderrLogger<OutboxPublisher>());
link.Connected += publisher.Wake;
using var stop = new CancellationTokenSource();
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    stop.Cancel();
});
link.Start();
publisher.Start();

string progressPath = Path.Combine(options.DataDir, "progress");
int next = File.Exists(progressPath) ? int.Parse(File.ReadAllText(progressPath), CultureInfo.InvariantCulture) : 0;
try
{
    for (int i = next; i < options.Count; i++)
    {
        splitter.Split(Call(i, device));
        File.WriteAllText(progressPath, (i + 1).ToString(CultureInfo.InvariantCulture));
        Console.Out.WriteLine("ENQUEUED " + i.ToString(CultureInfo.InvariantCulture));
        await Task.Delay(options.IntervalMs, stop.Token);
    }

    while (outbox.Count > 0 || options.Linger)
    {
        Task signal = Task.Delay(50, stop.Token);
        await signal;
    }
}
catch (OperationCanceledException)
{
    // SIGTERM: stop cleanly below.
}

await publisher.DisposeAsync();
await link.StopAsync(CancellationToken.None);
Console.Out.WriteLine("DONE");
return 0;

static FinishedCall Call(int index, DeviceIdentity device)
{
    byte[] bytes = new byte[16];
    BitConverter.TryWriteBytes(bytes.AsSpan(12), index);
    bytes[0] = 0xca;
    bytes[1] = 0x11;
    var id = new Guid(bytes);
    DateTimeOffset start = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero).AddMinutes(index);
    return new FinishedCall
    {
        Record = new CallRecord
        {
            RecordId = id,
            CallId = index.ToString(CultureInfo.InvariantCulture) + "@desk-test",
            DeviceId = device.DeviceId,
            DeviceNumber = device.DeviceNumber,
            Direction = CallDirection.Outgoing,
            LocalNumber = PartyNumber.From("201"),
            RemoteNumber = PartyNumber.From("+49 30 " + index.ToString(CultureInfo.InvariantCulture)),
            StartedAt = start,
            RingingAt = start.AddSeconds(1),
            AnsweredAt = start.AddSeconds(5),
            EndedAt = start.AddSeconds(65),
            Result = CallResult.Answered,
            SipStatus = 200,
            SipReason = "OK",
            EndedBy = CallEndedBy.Remote,
            Codec = "PCMU/8000",
            Origin = new CallOrigin { Kind = OriginKind.Keypad },
        },
    };
}

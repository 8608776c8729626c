using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Mqtt;
using CallSync.Mqtt.Enrollment;
using CallSync.Records;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Hub;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CallSync.Interop.Tests;

/// <summary>
/// Issue 17, "No record lost when the hub dies": five simulated phones (the product's outbox, outbox publisher and
/// MQTT link, enrolled like real phones) publish 2,000 records each through the hub's embedded broker while the hub
/// process is SIGKILLed twice and restarted. Right after each kill, with the hub dead, every record a phone has
/// removed from its outbox (its PUBACK arrived) must already be in the hub's SQLite file; at the end every record is
/// there exactly once. Cost on the shared 2-core CI machine: about a minute (printed by the test).
/// </summary>
[Trait("Category", "Interop")]
public sealed class EmbeddedDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private const int Phones = 5;
    private const int RecordsPerPhone = 2_000;
    private const int Total = Phones * RecordsPerPhone;

    private readonly TempDirectory _dir = new("callsync-durability-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task EmbeddedBroker_HubKilledTwiceWhileFivePhonesPublish_EveryRemovedRecordStoredExactlyOnce()
    {
        var clock = Stopwatch.StartNew();
        var hubUrl = HubProcess.Url(FreePort.Tcp());
        string[] hubArgs =
        [
            "--Http:Urls=" + hubUrl.ToString().TrimEnd('/'), "--Mqtt:EmbeddedPort=" + FreePort.Tcp(), "--Storage:DataDir=" + _dir.File("hub"),
            "--Admin:User=" + HubProcess.AdminUser, "--Admin:Password=" + HubProcess.AdminPassword, "--Security:PasswordIterations=100000",
        ];
        var hub = await StartHubAsync(hubArgs, hubUrl);
        var phones = new List<Phone>();
        try
        {
            using (var api = new HubApi(hubUrl))
            {
                var admin = await api.TokenAsync(HubProcess.AdminUser, HubProcess.AdminPassword);
                for (var p = 0; p < Phones; p++)
                {
                    phones.Add(await Phone.EnrollAsync(api, admin, $"durable-{p}", _dir.File("phone-" + p)));
                }
            }

            foreach (var phone in phones)
            {
                phone.Start();
            }

            foreach (var killAt in new[] { Total / 3, Total * 2 / 3 })
            {
                await WaitAsync(() => phones.Sum(p => p.Removed.Count) >= killAt, "PUBACKs for " + killAt + " records", hub);
                hub.Kill();
                var removed = phones.SelectMany(p => p.Removed.Keys).ToList();
                var stored = StoredIds();
                var missing = removed.Where(id => !stored.Contains(id)).ToList();
                output.WriteLine($"SIGKILL at {clock.Elapsed.TotalSeconds:F1} s: {removed.Count} records removed from outboxes, {stored.Count} in the hub's database, {missing.Count} of the removed missing");
                Assert.Empty(missing);
                hub.Dispose();
                hub = await StartHubAsync(hubArgs, hubUrl);
            }

            await WaitAsync(() => phones.All(p => p.Outbox.Count == 0), "every outbox to drain", hub);
        }
        finally
        {
            foreach (var phone in phones)
            {
                await phone.DisposeAsync();
            }

            hub.Dispose();
        }

        var rows = StoredRows();
        Assert.Equal(Total, rows.Count);
        Assert.Equal(Total, rows.Distinct().Count());
        Assert.All(phones, p => Assert.Subset(rows.ToHashSet(), p.AllIds.ToHashSet()));
        Assert.Equal(Total, phones.Sum(p => p.Removed.Count));
        output.WriteLine($"{Total} records from {Phones} phones, two hub SIGKILLs: all stored once, {clock.Elapsed.TotalSeconds:F1} s in all");
    }

    private static async Task<ChildProcess> StartHubAsync(string[] args, Uri url)
    {
        var hub = HubProcess.Start(args);
        try
        {
            using var api = new HubApi(url);
            await api.WaitUntilServingAsync(hub);
            return hub;
        }
        catch
        {
            hub.Dispose();
            throw;
        }
    }

    private static Task WaitAsync(Func<bool> condition, string what, ChildProcess hub) =>
        Eventually.UntilAsync(condition, TimeSpan.FromMinutes(3), () => what + ": " + hub.Describe());

    private HashSet<string> StoredIds() => StoredRows().ToHashSet(StringComparer.Ordinal);

    // Read straight from the file the dead (or running) hub wrote: what a restarted hub would find.
    private List<string> StoredRows()
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("hub", "hub.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record_id FROM call_records WHERE device_id LIKE 'durable-%'";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>A phone's records path as the agent runs it: SQLite outbox, outbox publisher, MQTT link with enrolled credentials.</summary>
    private sealed class Phone : IAsyncDisposable
    {
        private readonly RecordsDatabase _database;
        private readonly MqttLink _link;
        private readonly OutboxPublisher _publisher;

        private Phone(string deviceId, RecordsDatabase database, DeviceCredentials credentials)
        {
            _database = database;
            var outboxOptions = new OutboxOptions { RetryInitialDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromMilliseconds(500) };
            Outbox = new RecordOutbox(database, outboxOptions, TimeProvider.System, NullLogger<RecordOutbox>.Instance);
            var linkOptions = new MqttLinkOptions { ReconnectMinDelay = TimeSpan.FromMilliseconds(100), ReconnectMaxDelay = TimeSpan.FromMilliseconds(500), OperationTimeout = TimeSpan.FromSeconds(10) };
            _link = new MqttLink(linkOptions, credentials, new DeviceIdentity(deviceId, "1"), 1, TimeProvider.System, NullLogger<MqttLink>.Instance);
            _publisher = new OutboxPublisher(Outbox, _link, outboxOptions, TimeProvider.System, NullLogger<OutboxPublisher>.Instance);
            _publisher.Acknowledged += entry => Removed.TryAdd(entry.RecordId.ToString("D"), 0);
            _link.Connected += _publisher.Wake;
            var topic = MqttTopics.Calls(deviceId);
            for (var i = 0; i < RecordsPerPhone; i++)
            {
                var record = Record(deviceId, i);
                AllIds.Add(record.RecordId.ToString("D"));
                Assert.Equal(EnqueueOutcome.Enqueued, Outbox.Enqueue(record.RecordId, topic, JsonSerializer.SerializeToUtf8Bytes(record, CallSyncJsonContext.Default.CallRecord)));
            }
        }

        public RecordOutbox Outbox { get; }

        /// <summary>Records whose PUBACK arrived (the publisher then deletes them from the outbox).</summary>
        public ConcurrentDictionary<string, byte> Removed { get; } = new(StringComparer.Ordinal);

        public List<string> AllIds { get; } = [];

        public static async Task<Phone> EnrollAsync(HubApi api, string adminToken, string deviceId, string directory)
        {
            var code = await api.RegisterDeviceAsync(adminToken, deviceId, "9" + deviceId[^1]);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var http = new HttpClient();
            var outcome = await EnrollmentClient.EnrollAsync(http, api.BaseAddress, code, deviceId, key.ExportSubjectPublicKeyInfo(), CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.Reason);
            var issued = outcome.Credentials!;
            var credentials = new DeviceCredentials(new BrokerCredential(issued.BrokerUrl, issued.BrokerUsername, issued.BrokerPassword), Convert.FromBase64String(issued.ProvisioningKey));
            return new Phone(deviceId, RecordsDatabase.OpenInDirectory(directory), credentials);
        }

        public void Start()
        {
            _link.Start();
            _publisher.Start();
        }

        public async ValueTask DisposeAsync()
        {
            await _publisher.DisposeAsync();
            await _link.DisposeAsync();
            _database.Dispose();
        }

        private static CallRecord Record(string deviceId, int index)
        {
            var started = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero).AddSeconds(index);
            return new CallRecord
            {
                RecordId = Guid.NewGuid(),
                CallId = deviceId + "-" + index.ToString(CultureInfo.InvariantCulture),
                DeviceId = deviceId,
                DeviceNumber = "1",
                Direction = CallDirection.Outgoing,
                LocalNumber = PartyNumber.From("1"),
                RemoteNumber = PartyNumber.From("+4930123456"),
                StartedAt = started,
                AnsweredAt = started.AddSeconds(2),
                EndedAt = started.AddSeconds(30),
                RingSeconds = 2,
                TalkSeconds = 28,
                Result = CallResult.Answered,
                SipStatus = 200,
                EndedBy = CallEndedBy.Local,
                Origin = new CallOrigin { Kind = OriginKind.Keypad },
            };
        }
    }
}

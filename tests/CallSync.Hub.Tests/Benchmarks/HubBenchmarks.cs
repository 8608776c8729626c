using System.Diagnostics;
using System.Globalization;
using CallSync.Hub.Configuration;
using CallSync.Hub.Storage;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Ports;
using CallSync.Testing.Waiting;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace CallSync.Hub.Tests.Benchmarks;

/// <summary>
/// Ingest rate and API latency (docs/benchmarks.md, "Hub"). Sizes default small enough for CI; set
/// CALLSYNC_HUB_BENCH_ROWS (table size) and CALLSYNC_HUB_BENCH_INGEST (records ingested) for the full runs.
/// These assert correctness only; the numbers are printed, not asserted, because the CI machine is shared.
/// Skipped unless CALLSYNC_HUB_BENCH=1.
/// </summary>
[Collection(InteropCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class HubBenchmarks(InteropFixture fixture, ITestOutputHelper output)
{
    private const int Devices = 50;
    internal static readonly int TableRows = Setting("CALLSYNC_HUB_BENCH_ROWS", 100_000);
    private static readonly int IngestRecords = Setting("CALLSYNC_HUB_BENCH_INGEST", 20_000);

    /// <param name="provider">Storage of the hub(s).</param>
    /// <param name="hubs">0: one hub with its embedded broker (phones enrolled and authenticated, each record committed
    /// before its PUBACK); 1: one hub on a plain in-process broker, as with an external broker; 2: two hubs sharing the
    /// work through mosquitto's MQTT 5 shared subscription, as a scaled-out installation runs.</param>
    [BenchmarkTheory]
    [InlineData("sqlite", 0)]
    [InlineData("sqlite", 1)]
    [InlineData("postgres", 1)]
    [InlineData("postgres", 2)]
    public async Task IngestRate_MqttToCommittedRows_Reported(string provider, int hubs)
    {
        var embedded = hubs == 0;
        await using var inProcessBroker = hubs == 1 ? await TestBroker.StartAsync() : null;
        var brokerPort = embedded ? FreePort.Tcp() : inProcessBroker?.Port ?? fixture.Mosquitto.Port;
        var database = provider == "postgres" ? fixture.Postgres.NewDatabase() : SqliteFile();
        var instances = new List<TestHub>();
        var phones = new List<TestDevice>();
        try
        {
            for (var h = 0; h < Math.Max(1, hubs); h++)
            {
                var options = embedded
                    ? TestHub.Options(StorageProvider.Sqlite, database, brokerPort, embedded: true, "hub")
                    : Options(provider, database, brokerPort, $"bench-ingest-{provider}-{h}", shared: hubs > 1);
                instances.Add(await TestHub.StartAsync(options, TimeProvider.System));
            }

            var prefix = $"bench-{provider}-{hubs}-{Guid.NewGuid():N}"[..24];
            for (var i = 0; i < 10; i++)
            {
                if (embedded)
                {
                    phones.Add(await instances[0].ConnectDeviceAsync(await instances[0].CreateDeviceAsync($"{prefix}-desk-{i}", $"{prefix}-{i}")));
                    continue;
                }

                await instances[0].RegisterDeviceAsync($"{prefix}-desk-{i}", $"{prefix}-{i}");
                phones.Add(await TestDevice.ConnectAsync(brokerPort, $"{prefix}-desk-{i}"));
            }

            var perPhone = IngestRecords / phones.Count;
            var payloads = phones.Select(p => Enumerable.Range(0, perPhone).Select(n => TestDevice.Record(p.Id, DateTimeOffset.UtcNow.AddSeconds(-n))).ToArray()).ToArray();
            var store = instances[0].Get<CallRecordStore>();
            var before = await store.CountAsync(CancellationToken.None);
            var clock = Stopwatch.StartNew();
            // Each phone publishes as the agent's outbox does: up to 16 unacknowledged QoS 1 publishes, in order.
            await Task.WhenAll(phones.Select(async (phone, i) =>
            {
                var window = new Queue<Task>();
                foreach (var record in payloads[i])
                {
                    if (window.Count == 16)
                    {
                        await window.Dequeue();
                    }

                    window.Enqueue(phone.PublishRecordAsync(record));
                }

                await Task.WhenAll(window);
            }));
            var published = clock.Elapsed;
            var expected = before + perPhone * phones.Count;
            long count = 0;
            await Eventually.UntilAsync(async () => (count = await store.CountAsync(CancellationToken.None)) == expected, TimeSpan.FromMinutes(3),
                () => $"all {perPhone * phones.Count} stored (stored: {count - before})");
            var stored = clock.Elapsed;
            var shares = string.Join(" / ", instances.Select(h => h.StoredByThisInstance));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}, {hubs} hub(s): {perPhone * phones.Count} records via MQTT; published in {published.TotalSeconds:F2} s, all committed after {stored.TotalSeconds:F2} s = {perPhone * phones.Count / stored.TotalSeconds:F0} records/s (stored per hub: {shares})"));
            if (hubs > 1)
            {
                return;
            }

            // The store alone, without MQTT: batches of 500 as the pipeline forms them under load.
            var rows = Enumerable.Range(0, IngestRecords).Select(n => Row(n, "store-bench")).ToList();
            clock.Restart();
            for (var offset = 0; offset < rows.Count; offset += 500)
            {
                await store.InsertBatchAsync(rows.GetRange(offset, Math.Min(500, rows.Count - offset)), CancellationToken.None);
            }

            clock.Stop();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: store only, {rows.Count} records in batches of 500: {rows.Count / clock.Elapsed.TotalSeconds:F0} records/s"));
            Assert.Equal(expected + rows.Count, await store.CountAsync(CancellationToken.None));
        }
        finally
        {
            foreach (var phone in phones)
            {
                await phone.DisposeAsync();
            }

            foreach (var hub in instances)
            {
                await hub.DisposeAsync();
            }
        }
    }

    [BenchmarkTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RecordsPage_LargeTable_LatencyReported(string provider)
    {
        await using var broker = await TestBroker.StartAsync();
        var options = Options(provider, broker.Port, "bench-api-" + provider);
        var clock = Stopwatch.StartNew();
        await using var hub = await TestHub.StartAsync(options, TimeProvider.System);
        await SeedAsync(options.Storage, TableRows);
        var seeded = clock.Elapsed;
        var token = await hub.CreateUserAsync("bench");
        for (var d = 0; d < 5; d++)
        {
            await hub.CreateDeviceAsync($"seed-{d:D2}", $"20{d:D2}");
            await hub.BindAsync("bench", $"seed-{d:D2}");
        }

        var samples = new List<double>();
        string? cursor = null;
        for (var i = 0; i < 400; i++)
        {
            var path = "/api/v1/records?limit=50" + (i % 2 == 0 ? "&deviceId=seed-01" : string.Empty) + (cursor is null ? string.Empty : "&cursor=" + cursor);
            var watch = Stopwatch.StartNew();
            using var response = await hub.SendAsync(HttpMethod.Get, path, token);
            var page = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync(response.Content, CallSync.Hub.Api.HubJsonContext.Default.RecordPage);
            watch.Stop();
            Assert.Equal(50, page!.Items.Count);
            if (i >= 20)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds); // the first requests warm up JIT and pools
            }

            cursor = i % 2 == 1 && i % 40 != 39 ? page.NextCursor : null;
        }

        samples.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: {TableRows} rows seeded in {seeded.TotalSeconds:F1} s; GET 50-record page: p50 {samples[samples.Count / 2]:F2} ms, p99 {samples[(int)(samples.Count * 0.99)]:F2} ms, max {samples[^1]:F2} ms ({samples.Count} requests)"));
    }

    private HubOptions Options(string provider, int brokerPort, string clientId) =>
        Options(provider, provider == "postgres" ? fixture.Postgres.NewDatabase() : SqliteFile(), brokerPort, clientId, shared: false);

    private static HubOptions Options(string provider, string database, int brokerPort, string clientId, bool shared) =>
        TestHub.Options(provider == "postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite, database, brokerPort, embedded: false, clientId,
            sharedGroup: shared ? "bench-hubs" : "");

    private static string SqliteFile() => "Data Source=" + Path.Combine(Path.GetTempPath(), "callsync-hub-bench-" + Guid.NewGuid().ToString("N") + ".db");

    private static StoredCallRecord Row(int n, string device) => new(
        Guid.NewGuid().ToString("D"), device, n % 3 == 0 ? "incoming" : "outgoing", "2001", "+49301234" + (n % 1000).ToString("D3", CultureInfo.InvariantCulture),
        n % 5 == 0 ? "no-answer" : "answered", DateTimeOffset.UnixEpoch.AddDays(20_000).AddSeconds(-n * 7L), DateTimeOffset.UtcNow,
        "{\"schemaVersion\":1,\"recordId\":\"00000000-0000-0000-0000-000000000000\",\"callId\":\"bench@desk\",\"deviceId\":\"" + device + "\",\"result\":\"answered\",\"flags\":[]}");

    /// <summary>
    /// Bulk seed: PostgreSQL binary COPY, SQLite one prepared INSERT in one transaction. Row n: device <c>seed-{n % 50}</c>,
    /// 7 s before row n - 1 (1,000,000 rows span 81 days back from 2024-10-04), remote number <c>+49301234{n % 1000:D3}</c>,
    /// incoming when n % 3 == 0, no-answer when n % 5 == 0.
    /// </summary>
    internal static async Task SeedAsync(StorageOptions storage, int count)
    {
        var rows = Enumerable.Range(0, count).Select(n => Row(n, $"seed-{n % Devices:D2}"));
        if (storage.Provider == StorageProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(storage.ConnectionString);
            await connection.OpenAsync();
            await using (var import = await connection.BeginBinaryImportAsync(
                "COPY call_records (record_id, device_id, direction, local_number, remote_number, result, started_at, received_at, payload) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var r in rows)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(r.RecordId, NpgsqlDbType.Text);
                    await import.WriteAsync(r.DeviceId, NpgsqlDbType.Text);
                    await import.WriteAsync(r.Direction, NpgsqlDbType.Text);
                    await import.WriteAsync(r.LocalNumber, NpgsqlDbType.Text);
                    await import.WriteAsync(r.RemoteNumber, NpgsqlDbType.Text);
                    await import.WriteAsync(r.Result, NpgsqlDbType.Text);
                    await import.WriteAsync(r.StartedAt.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
                    await import.WriteAsync(r.ReceivedAt.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
                    await import.WriteAsync(r.Payload, NpgsqlDbType.Text);
                }

                await import.CompleteAsync();
            }

            await using var analyze = new NpgsqlCommand("ANALYZE call_records", connection);
            await analyze.ExecuteNonQueryAsync();
            return;
        }

        await using var sqlite = new SqliteConnection(storage.ConnectionString);
        await sqlite.OpenAsync();
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        // Columns named, as the COPY above does: a later migration's column (security, 7) takes its default.
        command.CommandText = "INSERT INTO call_records (record_id, device_id, direction, local_number, remote_number, result, started_at, received_at, payload) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        var parameters = Enumerable.Range(1, 9).Select(i => command.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
        foreach (var r in rows)
        {
            parameters[0].Value = r.RecordId;
            parameters[1].Value = r.DeviceId;
            parameters[2].Value = r.Direction;
            parameters[3].Value = r.LocalNumber;
            parameters[4].Value = r.RemoteNumber;
            parameters[5].Value = r.Result;
            parameters[6].Value = r.StartedAt.ToUnixTimeMilliseconds();
            parameters[7].Value = r.ReceivedAt.ToUnixTimeMilliseconds();
            parameters[8].Value = r.Payload;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyzeSqlite = sqlite.CreateCommand();
        analyzeSqlite.CommandText = "ANALYZE";
        await analyzeSqlite.ExecuteNonQueryAsync();
    }

    internal static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

using CallSync.Hub.Configuration;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>The same storage behaviour asserted on SQLite and on PostgreSQL.</summary>
public abstract class StorageContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    internal abstract StorageOptions NewStorage();

    private async Task<HubDatabase> MigratedAsync()
    {
        var database = new HubDatabase(NewStorage());
        await new MigrationRunner(database, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        return database;
    }

    private static StoredCallRecord Row(string id, string device, int minute, string remote = "+4930123") =>
        new(id, device, "outgoing", "2001", remote, "answered", T0.AddMinutes(minute), T0.AddMinutes(minute + 1), "{\"recordId\":\"" + id + "\"}");

    [Fact]
    public async Task ApplyAsync_SecondRun_AppliesNothing()
    {
        await using var database = await MigratedAsync();
        var runner = new MigrationRunner(database, TimeProvider.System, NullLogger<MigrationRunner>.Instance);
        Assert.Equal(0, await runner.ApplyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task InsertBatchAsync_DuplicatesInAndAcrossBatches_StoresEachOnce()
    {
        await using var database = await MigratedAsync();
        var store = new CallRecordStore(database);
        var first = await store.InsertBatchAsync([Row("a", "d1", 1), Row("b", "d1", 2), Row("a", "d1", 1)], CancellationToken.None);
        Assert.Equal([true, true, false], first);
        var second = await store.InsertBatchAsync([Row("b", "d1", 2), Row("c", "d1", 3)], CancellationToken.None);
        Assert.Equal([false, true], second);
        Assert.Equal(3, await store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task InsertBatchAsync_Security_StoredAndReadBackByIdAndByQuery()
    {
        await using var database = await MigratedAsync();
        var store = new CallRecordStore(database);
        await store.InsertBatchAsync([Row("s", "d1", 1) with { Security = "tls+srtp" }, Row("p", "d1", 2)], CancellationToken.None);

        Assert.Equal("tls+srtp", (await store.GetAsync("s", CancellationToken.None))!.Security);
        Assert.Equal("none", (await store.GetAsync("p", CancellationToken.None))!.Security);
        var page = await store.QueryAsync(new CallRecordQuery("admin", true, null, null, null, null, null, null, null, 10), CancellationToken.None);
        Assert.Equal(["none", "tls+srtp"], page.Select(r => r.Security)); // newest first
    }

    [Fact]
    public async Task QueryAsync_CursorPaging_ReturnsOnlyBoundDevicesNewestFirstWithoutGaps()
    {
        await using var database = await MigratedAsync();
        var store = new CallRecordStore(database);
        var bindings = new BindingStore(database, TimeProvider.System);
        await bindings.UpsertAsync("u", "d1", BindingStatus.Active, canDial: true, "admin", CancellationToken.None);
        await bindings.UpsertAsync("u", "d2", BindingStatus.Pending, canDial: false, "app", CancellationToken.None);
        var rows = Enumerable.Range(0, 25).Select(i => Row($"r{i:D2}", "d1", i / 2)) // pairs share a start time
            .Concat(Enumerable.Range(0, 5).Select(i => Row($"x{i}", "d2", i))).ToList();
        await store.InsertBatchAsync(rows, CancellationToken.None);

        var seen = new List<string>();
        RecordCursor? cursor = null;
        do
        {
            var page = await store.QueryAsync(new CallRecordQuery("u", false, null, null, null, null, null, null, cursor, 7), CancellationToken.None);
            seen.AddRange(page.Select(r => r.RecordId));
            cursor = page.Count == 7 ? new RecordCursor(page[^1].StartedAt.ToUnixTimeMilliseconds(), page[^1].RecordId) : null;
        }
        while (cursor is not null);

        var expected = rows.Where(r => r.DeviceId == "d1").OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RecordId, StringComparer.Ordinal)
            .Select(r => r.RecordId).ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task QueryAsync_EveryFilterAndPaging_MatchesTheRecordsTheCallerMaySee()
    {
        await using var database = await MigratedAsync();
        var store = new CallRecordStore(database);
        var bindings = new BindingStore(database, TimeProvider.System);
        foreach (var device in new[] { "d1", "d2", "d3" })
        {
            await bindings.UpsertAsync("u", device, BindingStatus.Active, canDial: false, "admin", CancellationToken.None);
        }

        await bindings.UpsertAsync("u", "d4", BindingStatus.Pending, canDial: false, "app", CancellationToken.None);
        for (var i = 0; i < 40; i++)
        {
            // 40 phones bound to "many": more than the per-phone branches, so one branch over all of them
            await bindings.UpsertAsync("many", $"m{i:D2}", BindingStatus.Active, canDial: false, "admin", CancellationToken.None);
        }

        string[] devices = ["d1", "d2", "d3", "d4", "d5", "m00", "m07", "m39"];
        string[] results = ["answered", "answered", "no-answer", "busy"];
        var rows = Enumerable.Range(0, 160).Select(i => new StoredCallRecord(
            $"r{i:D3}", devices[i % devices.Length], i % 3 == 0 ? "incoming" : "outgoing",
            i % 11 == 0 ? "+4930999" : "2001", i % 7 == 0 ? "+4930999" : "+49301" + (i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            i == 17 ? "failed" : results[i % results.Length], T0.AddMinutes(i / 3), T0.AddMinutes(i), "{}")).ToList();
        await store.InsertBatchAsync(rows, CancellationToken.None);

        var queries = new List<CallRecordQuery>();
        foreach (var (user, admin) in new[] { ("u", false), ("many", false), ("nobody", false), ("admin", true) })
        {
            foreach (var device in new string?[] { null, "d1", "d5", "m07" })
            {
                foreach (var number in new string?[] { null, "+4930999", "2001", "+493010" })
                {
                    foreach (var (direction, result) in new (string?, string?)[] { (null, null), ("incoming", null), (null, "no-answer"), (null, "failed"), ("outgoing", "busy") })
                    {
                        queries.Add(new CallRecordQuery(user, admin, device, null, null, direction, result, number, null, 4));
                    }
                }
            }

            queries.Add(new CallRecordQuery(user, admin, null, T0.AddMinutes(10), T0.AddMinutes(30), null, null, null, null, 4));
            queries.Add(new CallRecordQuery(user, admin, null, T0.AddMinutes(10), T0.AddMinutes(30), "outgoing", "answered", "+4930999", null, 4));
        }

        foreach (var query in queries)
        {
            var visible = query.IsAdmin ? devices : query.UserId switch
            {
                "u" => ["d1", "d2", "d3"],
                "many" => devices.Where(d => d.StartsWith('m')).ToArray(),
                _ => [],
            };
            var expected = rows.Where(r => visible.Contains(r.DeviceId)
                    && (query.DeviceId is null || r.DeviceId == query.DeviceId)
                    && (query.Direction is null || r.Direction == query.Direction)
                    && (query.Result is null || r.Result == query.Result)
                    && (query.Number is null || r.RemoteNumber == query.Number || r.LocalNumber == query.Number)
                    && (query.From is null || r.StartedAt >= query.From)
                    && (query.To is null || r.StartedAt < query.To))
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RecordId, StringComparer.Ordinal).Select(r => r.RecordId).ToList();
            var seen = new List<string>();
            RecordCursor? cursor = null;
            do
            {
                var page = await store.QueryAsync(query with { After = cursor }, CancellationToken.None);
                Assert.True(page.Count <= query.Limit);
                seen.AddRange(page.Select(r => r.RecordId));
                cursor = page.Count == query.Limit ? new RecordCursor(page[^1].StartedAt.ToUnixTimeMilliseconds(), page[^1].RecordId) : null;
            }
            while (cursor is not null);

            Assert.True(expected.SequenceEqual(seen), $"{query}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", seen)}]");
        }
    }

    [Fact]
    public async Task PushLedger_SameKeyTwice_ClaimsOnce()
    {
        await using var database = await MigratedAsync();
        var ledger = new PushLedger(database, TimeProvider.System);
        Assert.True(await ledger.TryClaimAsync("u", "digest", "2026-10-25", CancellationToken.None));
        Assert.False(await ledger.TryClaimAsync("u", "digest", "2026-10-25", CancellationToken.None));
        await ledger.ReleaseAsync("u", "digest", "2026-10-25", CancellationToken.None);
        Assert.True(await ledger.TryClaimAsync("u", "digest", "2026-10-25", CancellationToken.None));
        Assert.Equal("2026-10-25", await ledger.LatestKeyAsync("u", "digest", CancellationToken.None));
    }

    [Fact]
    public async Task SetStateAsync_OlderStateAfterNewer_KeepsNewer()
    {
        await using var database = await MigratedAsync();
        var devices = new DeviceStore(database, new CallSync.Hub.Security.ProvisioningKeyProtector("storage-contract-key-0123456789abcdef", null), TimeProvider.System);
        await devices.SetStateAsync("d1", online: false, T0.AddMinutes(5), CancellationToken.None);
        await devices.SetStateAsync("d1", online: true, T0, CancellationToken.None);
        Assert.Equal((false, T0.AddMinutes(5)), await devices.GetStateAsync("d1", CancellationToken.None));
    }
}

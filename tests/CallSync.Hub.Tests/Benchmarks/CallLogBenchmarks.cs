using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using CallSync.Hub.Api;
using CallSync.Hub.Configuration;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Ports;
using Xunit.Abstractions;

namespace CallSync.Hub.Tests.Benchmarks;

/// <summary>
/// The call-log page's API as the web app sends it (docs/benchmarks.md, "Call log at 1,000,000 records"):
/// <c>GET /api/v1/records?limit=50</c> with each of its filters (phone, date range, direction, result, number) and keyset
/// paging through the next pages, over HTTP on 127.0.0.1, for a salesperson bound to 5 of 50 phones and for an admin
/// (every phone). Table size: CALLSYNC_HUB_BENCH_ROWS (default 100,000). Numbers printed, not asserted; every page is
/// checked against the filter. Skipped unless CALLSYNC_HUB_BENCH=1 (deploy/bench-hub.sh runs it).
/// </summary>
[Collection(InteropCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class CallLogBenchmarks(InteropFixture fixture, ITestOutputHelper output)
{
    private const int Rounds = 60;
    private const int PagesPerRound = 3;

    // Row n of the seed starts 7 s before row n - 1, counting back from this instant.
    private static readonly DateTimeOffset Newest = DateTimeOffset.UnixEpoch.AddDays(20_000);

    [BenchmarkTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CallLogPage_MillionRecordsEveryFilter_P99Reported(string provider)
    {
        var database = provider == "postgres" ? fixture.Postgres.NewDatabase()
            : "Data Source=" + Path.Combine(Path.GetTempPath(), "callsync-hub-calllog-" + Guid.NewGuid().ToString("N") + ".db");
        var options = TestHub.Options(provider == "postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite, database, FreePort.Tcp(), embedded: true, "hub");
        await using var hub = await TestHub.StartAsync(options, TimeProvider.System);
        if (provider == "sqlite")
        {
            hub.DatabaseFile = database["Data Source=".Length..];
        }

        var clock = Stopwatch.StartNew();
        await HubBenchmarks.SeedAsync(options.Storage, HubBenchmarks.TableRows);
        var seeded = clock.Elapsed;
        var salesperson = await hub.CreateUserAsync("bench");
        for (var d = 0; d < 5; d++)
        {
            await hub.RegisterDeviceAsync($"seed-{d:D2}", $"20{d:D2}");
            await hub.BindAsync("bench", $"seed-{d:D2}");
        }

        var admin = await hub.AdminTokenAsync();
        var week = "&from=" + Instant(Newest.AddDays(-30)) + "&to=" + Instant(Newest.AddDays(-23));
        var cases = new (string Name, string Token, string Query)[]
        {
            ("no filter", salesperson, string.Empty),
            ("one phone", salesperson, "&deviceId=seed-01"),
            ("7 days", salesperson, week),
            ("incoming", salesperson, "&direction=incoming"),
            ("no-answer", salesperson, "&result=no-answer"),
            ("number (1 in 1,000 rows)", salesperson, "&number=%2B49301234001"),
            ("number, no match on the user's phones", salesperson, "&number=%2B49301234123"),
            ("all filters", salesperson, "&deviceId=seed-02&direction=outgoing&result=answered" + week),
            ("admin: no filter", admin, string.Empty),
            ("admin: number (1 in 1,000 rows)", admin, "&number=%2B49301234123"),
            ("admin: number, no match", admin, "&number=%2B49309999999"),
        };

        var all = new List<double>();
        var lines = new List<string>();
        foreach (var (name, token, query) in cases)
        {
            var samples = new List<double>();
            var rows = 0;
            for (var round = 0; round < Rounds + 2; round++)
            {
                string? cursor = null;
                for (var page = 0; page < PagesPerRound; page++)
                {
                    var path = "/api/v1/records?limit=50" + query + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
                    var watch = Stopwatch.StartNew();
                    using var response = await hub.SendAsync(HttpMethod.Get, path, token);
                    var body = await response.Content.ReadFromJsonAsync(HubJsonContext.Default.RecordPage);
                    watch.Stop();
                    Assert.True(response.IsSuccessStatusCode, path);
                    Assert.All(body!.Items, r => Assert.True(Matches(r, query), $"{name}: record {r.RecordId} does not match {query}"));
                    if (round >= 2)
                    {
                        samples.Add(watch.Elapsed.TotalMilliseconds); // two rounds warm the JIT, pools and page cache
                        rows += body.Items.Count;
                    }

                    cursor = body.NextCursor;
                    if (cursor is null)
                    {
                        break;
                    }
                }
            }

            samples.Sort();
            all.AddRange(samples);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {rows / (double)Rounds:F0} | {samples.Count} | {Percentile(samples, 0.5):F2} | **{Percentile(samples, 0.99):F2}** | {samples[^1]:F2} |"));
        }

        all.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: {HubBenchmarks.TableRows} rows seeded in {seeded.TotalSeconds:F1} s; every request: p50 {Percentile(all, 0.5):F2} ms, p99 {Percentile(all, 0.99):F2} ms, max {all[^1]:F2} ms ({all.Count} requests)"));
        output.WriteLine("| filter | rows per round | requests | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static bool Matches(RecordDto record, string query) =>
        (!query.Contains("deviceId=", StringComparison.Ordinal) || query.Contains("deviceId=" + record.DeviceId, StringComparison.Ordinal))
        && (!query.Contains("direction=", StringComparison.Ordinal) || query.Contains("direction=" + record.Direction, StringComparison.Ordinal))
        && (!query.Contains("result=", StringComparison.Ordinal) || query.Contains("result=" + record.Result + "&", StringComparison.Ordinal) || query.EndsWith("result=" + record.Result, StringComparison.Ordinal))
        && (!query.Contains("number=", StringComparison.Ordinal) || query.Contains("number=%2B" + record.RemoteNumber.TrimStart('+'), StringComparison.Ordinal));
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Hub;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace CallSync.Interop.Tests.Web;

/// <summary>
/// The web app's first load in Debian's headless Chromium from a callsync-hub serving the published app on 127.0.0.1
/// (docs/benchmarks.md, "Web app: time to interactive"): each visit in a fresh browser context (empty HTTP cache, no
/// service worker), timed in the page from navigation start until the sign-in form is usable (the WebAssembly runtime
/// booted, the app rendered <c>#userId</c>, enabled). Beside it, in the same run: the shell alone (<c>index.html</c>'s
/// DOMContentLoaded, the floor set by the browser and the network), the repeat visit served by the service worker,
/// and both loads again with the CPU slowed 4x (Chromium's throttling, a mid-range phone).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class WebFirstLoadBenchmarks(ITestOutputHelper output) : IDisposable
{
    private const int Visits = 12;

    // Installed before any of the page's scripts: notes when the sign-in field first exists and is enabled.
    private const string Probe = """
        new MutationObserver((_, observer) => {
          const field = document.querySelector('#userId');
          if (field && !field.disabled) { window.__interactive = performance.now(); observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true, attributes: true });
        """;

    private readonly TempDirectory _directory = new("callsync-web-bench-");

    public void Dispose() => _directory.Dispose();

    [WebBenchmarkFact]
    public async Task FirstLoad_HeadlessChromium_TimeToInteractiveReported()
    {
        var webRoot = Path.Combine(AppPage.RepositoryRoot, "out", "web", "wwwroot");
        Assert.True(File.Exists(Path.Combine(webRoot, "index.html")), $"the web app is not published in {webRoot}: run make build");
        var hubUrl = new Uri($"http://127.0.0.1:{FreePort.Tcp()}/");
        var config = _directory.File("hub.json");
        File.WriteAllText(config, new JsonObject
        {
            ["Http"] = new JsonObject { ["Urls"] = hubUrl.ToString().TrimEnd('/') },
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["DataDir"] = _directory.File("hub-data") },
            ["Mqtt"] = new JsonObject { ["Embedded"] = true, ["EmbeddedAddress"] = "127.0.0.1", ["EmbeddedPort"] = FreePort.Tcp() },
            ["Admin"] = new JsonObject { ["User"] = "admin", ["Password"] = "admin-password" },
            ["Web"] = new JsonObject { ["Root"] = webRoot },
        }.ToJsonString());
        using var hub = HubProcess.Start(config);
        using var api = new HubApi(hubUrl);
        await api.WaitUntilServingAsync(hub);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        foreach (var slowdown in new[] { 1, 4 })
        {
            var first = new List<Visit>();
            var repeat = new List<double>();
            for (var i = 0; i < Visits + 1; i++)
            {
                var page = await chromium.NewUserPageAsync(); // a fresh context: nothing cached, no service worker
                await page.EmulateCPUThrottlingAsync(slowdown);
                await page.EvaluateExpressionOnNewDocumentAsync(Probe);
                var visit = await LoadAsync(page, new Uri(hubUrl, "signin"));

                // The service worker caches the shell while it installs; once it is active, a visit is served by it.
                await AppPage.WaitForAsync(page, "() => navigator.serviceWorker.ready.then(r => r.active !== null)");
                var again = await LoadAsync(page, new Uri(hubUrl, "signin"));
                await page.BrowserContext.CloseAsync();
                if (i > 0)
                {
                    first.Add(visit); // the first visit of a run warms the hub's file cache and the browser process
                    repeat.Add(again.Interactive);
                }
            }

            var label = slowdown == 1 ? "CPU as is" : $"CPU slowed {slowdown}x";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}, {Visits} visits: shell (index.html DOMContentLoaded) median {Median(first.Select(v => v.ShellReady))} ms | " +
                $"first visit, time to interactive median {Median(first.Select(v => v.Interactive))} ms (min {first.Min(v => v.Interactive):F0}, max {first.Max(v => v.Interactive):F0}), " +
                $"{first[0].Bytes} bytes in {first[0].Requests} requests | repeat visit (service worker) median {Median(repeat)} ms"));
        }
    }

    private static async Task<Visit> LoadAsync(IPage page, Uri url)
    {
        await page.GoToAsync(url.ToString(), WaitUntilNavigation.DOMContentLoaded);
        await page.WaitForFunctionAsync("() => window.__interactive !== undefined", new WaitForFunctionOptions { Timeout = 120_000, PollingInterval = 50 });
        var figures = await page.EvaluateExpressionAsync<double[]>("""
            [window.__interactive,
             performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
             performance.getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, performance.getEntriesByType('navigation')[0].transferSize),
             performance.getEntriesByType('resource').length + 1]
            """);
        return new Visit(figures[0], figures[1], (long)figures[2], (int)figures[3]);
    }

    private static string Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2].ToString("F0", CultureInfo.InvariantCulture);
    }

    private sealed record Visit(double Interactive, double ShellReady, long Bytes, int Requests);
}

using System.Globalization;
using PuppeteerSharp;

namespace CallSync.Interop.Tests.Web;

/// <summary>What the end-to-end tests do with a page of the web app: sign in, wait for text, screenshots that must not scroll sideways.</summary>
internal static class AppPage
{
    /// <summary>The viewports the app must fit: a 360-pixel phone and a desktop.</summary>
    public static readonly (int Width, int Height)[] Viewports = [(360, 740), (1280, 800)];

    public static async Task SignInAsync(IPage page, Uri hub, string user, string password)
    {
        await page.GoToAsync(new Uri(hub, "signin").ToString());
        await page.WaitForSelectorAsync("#userId");
        await page.TypeAsync("#userId", user);
        await page.TypeAsync("#password", password);
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("form button[type=submit]");
        await WaitForAsync(page, "() => !location.pathname.endsWith('/signin') && document.querySelector('main h1') !== null");
    }

    /// <summary>Waits until the page's own state makes <paramref name="predicate"/> (a JS function) true.</summary>
    public static Task WaitForAsync(IPage page, string predicate, params object[] args) =>
        page.WaitForFunctionAsync(predicate, new WaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 }, args);

    public static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent?.trim() ?? ''", selector);

    /// <summary>
    /// Screenshots the page at each viewport into <c>out/test-results/web/NAME-WxH.png</c> and asserts it does not
    /// scroll horizontally there.
    /// </summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        await page.BringToFrontAsync();
        var folder = Path.Combine(RepositoryRoot, "out", "test-results", "web");
        Directory.CreateDirectory(folder);
        foreach (var (width, height) in Viewports)
        {
            await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
            await WaitForAsync(page, "w => window.innerWidth === w", width);
            var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
            await page.ScreenshotAsync(Path.Combine(folder, $"{name}-{size}.png"), new ScreenshotOptions { FullPage = true });
            var widths = await page.EvaluateFunctionAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (scroll, inner) = (widths[0], widths[1]);
            Assert.True(scroll <= inner, $"{name} at {size} scrolls sideways: scrollWidth {scroll} > innerWidth {inner}");
        }

        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 800 });
    }

    /// <summary>The checkout: the folder holding CallSync.Firmware.sln above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CallSync.Firmware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CallSync.Firmware.sln not found above " + AppContext.BaseDirectory);
    }
}

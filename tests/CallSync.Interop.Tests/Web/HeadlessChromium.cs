using PuppeteerSharp;

namespace CallSync.Interop.Tests.Web;

/// <summary>
/// Debian's <c>/usr/bin/chromium</c>, headless, driven over the DevTools protocol with a fresh profile in a temp
/// directory (nothing is downloaded). Each user gets an isolated browser context, so sign-ins do not mix.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
    ];

    private readonly IBrowser _browser;
    private readonly string _profile;

    private HeadlessChromium(IBrowser browser, string profile)
    {
        _browser = browser;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: make deps (deploy/test-deps.sh) installs Debian's chromium");
        var profile = Directory.CreateTempSubdirectory("callsync-chromium-").FullName;
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            UserDataDir = profile,
            Args = Flags,
            Timeout = 60_000,
        });
        return new HeadlessChromium(browser, profile);
    }

    /// <summary>A page in a context of its own (its own localStorage, so its own signed-in user).</summary>
    public async Task<IPage> NewUserPageAsync()
    {
        var context = await _browser.CreateBrowserContextAsync();
        return await NewPageAsync(context);
    }

    /// <summary>Another page of the same user (same context, same session).</summary>
    public static Task<IPage> NewPageAsync(IBrowserContext context) => ConfigureAsync(context.NewPageAsync());

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        await _browser.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still flush its profile for a moment; the temp dir is then left behind
        }
    }

    private static async Task<IPage> ConfigureAsync(Task<IPage> opening)
    {
        var page = await opening;
        page.DefaultTimeout = 60_000;
        page.DefaultNavigationTimeout = 60_000;
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 800 });
        return page;
    }
}

using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Web section: where the published web app is, served at <c>/</c>.</summary>
internal static class WebKeys
{
    /// <summary>The folder looked for beside the executable when <c>Web:Root</c> is not set.</summary>
    public const string DefaultFolder = "wwwroot";

    public static readonly ConfigSection Section = new("Web", "The web app (a Blazor WebAssembly PWA) that the hub serves at `/`.");

    public static readonly ConfigKey<string?> Root = Section.Optional("Root",
        ConfigValues.AbsolutePath("an absolute path to the published web app's wwwroot folder"),
        "the published web app (`make build` leaves it in `out/web/wwwroot`); without it the hub serves only the API",
        defaultText: "`wwwroot` beside the callsync-hub executable, when it has an index.html");

    public static WebOptions Read(ConfigReader reader)
    {
        var root = reader.Get(Root);
        if (root is null)
        {
            var beside = Path.Combine(AppContext.BaseDirectory, DefaultFolder);
            root = File.Exists(Path.Combine(beside, "index.html")) ? beside : null;
        }

        return new WebOptions { Root = root };
    }
}

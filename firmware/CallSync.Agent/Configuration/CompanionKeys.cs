using System.Diagnostics.CodeAnalysis;
using CallSync.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>The Companion section: declared keys and how they become <see cref="CompanionOptions"/> (null when not listening).</summary>
internal static class CompanionKeys
{
    public static readonly ConfigSection Section = new("Companion", "The link to the paired mobile: recordings to it, dial requests from it.");

    public static readonly ConfigKey<CompanionListenEndPoint?> Listen = Section.Optional("Listen",
        new ConfigValue<CompanionListenEndPoint>(TryParse, "tcp:ADDRESS:PORT or rfcomm:CHANNEL (1-30)"),
        "where the paired mobile connects: `rfcomm:CHANNEL` (Bluetooth) or `tcp:ADDRESS:PORT` (simulation, tests); none: no companion link");

    public static CompanionOptions? Read(ConfigReader reader) =>
        reader.Get(Listen) is { } listen ? new CompanionOptions { Listen = listen } : null;

    private static bool TryParse(string text, [MaybeNullWhen(false)] out CompanionListenEndPoint endPoint) =>
        CompanionListenEndPoint.TryParse(text, out endPoint);
}

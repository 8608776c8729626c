using System.Diagnostics.CodeAnalysis;
using CallSync.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>The Companion section: declared keys and how they become <see cref="CompanionOptions"/> (null when not listening).</summary>
internal static class CompanionKeys
{
    public static readonly ConfigSection Section = new("Companion", "The link to the paired mobile: recordings to it, dial requests from it.");

    public static readonly ConfigListKey<CompanionListenEndPoint> Listen = Section.List("Listen",
        new ConfigValue<CompanionListenEndPoint>(TryParse, CompanionListenEndPoint.Accepts),
        [],
        "where the paired mobile connects, one entry per transport: `ble:PSM` (an LE L2CAP channel for iPhones and " +
        "Android 10+, advertised with its GATT service; `ble:auto` lets the kernel pick the PSM), `rfcomm:CHANNEL` " +
        "(Bluetooth Classic, with an SDP record) and `tcp:ADDRESS:PORT` (simulation, tests); at most one `ble:` and one " +
        "`rfcomm:` entry. A Bluetooth entry the board cannot open is logged and skipped, the others still serve; " +
        "none: no companion link");

    public static CompanionOptions? Read(ConfigReader reader)
    {
        var listen = reader.Get(Listen);
        // The BlueZ registrations publish one PSM and one RFCOMM channel.
        foreach (var kind in (ReadOnlySpan<CompanionTransportKind>)[CompanionTransportKind.Le, CompanionTransportKind.Rfcomm])
        {
            if (listen.Count(entry => entry.Kind == kind) > 1)
            {
                reader.Fail(Listen, $"at most one {(kind == CompanionTransportKind.Le ? "ble:" : "rfcomm:")} entry");
            }
        }

        return listen.Count == 0 ? null : new CompanionOptions { Listen = listen };
    }

    private static bool TryParse(string text, [MaybeNullWhen(false)] out CompanionListenEndPoint endPoint) =>
        CompanionListenEndPoint.TryParse(text, out endPoint);
}

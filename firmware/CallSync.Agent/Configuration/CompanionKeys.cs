using System.Diagnostics.CodeAnalysis;
using CallSync.Configuration;
using CallSync.Hal.Linux.Bluetooth;

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

    public static readonly ConfigKey<BluetoothAddress?> Adapter = Section.OptionalValue("Bluetooth:Adapter",
        new ConfigValue<BluetoothAddress>(static (string text, out BluetoothAddress address) => BluetoothAddress.TryParse(text, out address),
            "a Bluetooth address, AA:BB:CC:DD:EE:FF"),
        "the adapter the `ble:` and `rfcomm:` entries listen on (its address, as `bluetoothctl list` shows it)", defaultText: "every adapter");

    public static readonly ConfigKey<BluetoothAddressType> AddressType = Section.Add("Bluetooth:AddressType",
        ConfigValues.OneOf("public or random", ("public", BluetoothAddressType.LePublic), ("random", BluetoothAddressType.LeRandom)),
        BluetoothAddressType.LePublic,
        "the adapter's LE address type for the `ble:` entry: `public`, or `random` for a board that advertises a static random address");

    public static readonly ConfigKey<BluetoothSecurity> Security = Section.Add("Bluetooth:Security",
        ConfigValues.OneOf("medium, high or fips", ("medium", BluetoothSecurity.Medium), ("high", BluetoothSecurity.High), ("fips", BluetoothSecurity.Fips)),
        BluetoothSecurity.Medium,
        "the link security a Bluetooth companion needs before data flows: `medium` (an encrypted link; LE \"Just Works\" " +
        "pairing is enough), `high` (a key authenticated by comparing or typing a code), `fips` (LE Secure Connections with an " +
        "authenticated key; older phones cannot connect). The companion protocol authenticates and encrypts on its own above it");

    public static readonly ConfigKey<int> ReceiveMtu = Section.Add("Bluetooth:ReceiveMtu", ConfigValues.Number(23, 65535),
        L2capListenOptions.DefaultReceiveMtu,
        "the largest LE SDU the phone accepts from the mobile (BT_RCVMTU); the mobile only sends small control messages, and a " +
        "frame larger than an SDU spans several");

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

        return listen.Count == 0 ? null : new CompanionOptions
        {
            Listen = listen,
            Bluetooth = new CompanionBluetoothOptions(reader.Get(Adapter) ?? default, reader.Get(AddressType), reader.Get(Security), (ushort)reader.Get(ReceiveMtu)),
        };
    }

    private static bool TryParse(string text, [MaybeNullWhen(false)] out CompanionListenEndPoint endPoint) =>
        CompanionListenEndPoint.TryParse(text, out endPoint);
}

using Tmds.DBus.Protocol;

namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>
/// org.bluez.LEAdvertisement1: a connectable ("peripheral") advertisement carrying the CallSync service UUID and the
/// desk phone's name, so an app scanning for the service finds the phone. bluetoothd reads the properties when the
/// advertisement is registered and calls Release when it drops it.
/// </summary>
internal sealed class AdvertisementObject(string path, string name, Action released) : ExportedObject(path)
{
    public const string Interface = "org.bluez.LEAdvertisement1";

    public override IReadOnlyDictionary<string, Dictionary<string, VariantValue>> Interfaces { get; } =
        new Dictionary<string, Dictionary<string, VariantValue>>
        {
            [Interface] = new()
            {
                ["Type"] = "peripheral",
                ["ServiceUUIDs"] = VariantValue.Array(new[] { CompanionGattLayout.ServiceUuid }),
                ["LocalName"] = name,
            },
        };

    protected override ValueTask<bool> HandleCallAsync(MethodContext context, string interfaceName, string member)
    {
        if (interfaceName != Interface || member != "Release")
        {
            return ValueTask.FromResult(false);
        }

        released();
        ReplyEmpty(context);
        return ValueTask.FromResult(true);
    }
}

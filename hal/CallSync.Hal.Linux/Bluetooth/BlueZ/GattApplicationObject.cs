using Tmds.DBus.Protocol;

namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>
/// The GATT application registered with org.bluez.GattManager1: its root answers
/// org.freedesktop.DBus.ObjectManager.GetManagedObjects with one primary service (the CallSync UUID) and two
/// read-only characteristics: the channel info (PSM and protocol versions) and Apple's L2CAP PSM characteristic.
/// </summary>
internal sealed class GattApplicationObject : ExportedObject
{
    public const string ServiceInterface = "org.bluez.GattService1";
    public const string CharacteristicInterface = "org.bluez.GattCharacteristic1";
    private const string ObjectManagerInterface = "org.freedesktop.DBus.ObjectManager";

    private static readonly string[] ReadOnly = ["read"];

    private readonly Dictionary<string, Characteristic> _children;

    public GattApplicationObject(string path, ushort psm, ushort minVersion, ushort maxVersion)
        : base(path)
    {
        string service = path + "/service0";
        byte[] info = new byte[CompanionGattLayout.ChannelInfoSize];
        CompanionGattLayout.TryWriteChannelInfo(info, psm, minVersion, maxVersion);
        byte[] psmOnly = [(byte)psm, (byte)(psm >> 8)];
        _children = new Dictionary<string, Characteristic>(StringComparer.Ordinal)
        {
            [service] = new(service, ServiceInterface, new()
            {
                ["UUID"] = CompanionGattLayout.ServiceUuid,
                ["Primary"] = true,
            }, null),
            [service + "/char0"] = CharacteristicOf(service, "/char0", CompanionGattLayout.ChannelInfoUuid, info),
            [service + "/char1"] = CharacteristicOf(service, "/char1", CompanionGattLayout.L2capPsmUuid, psmOnly),
        };
    }

    public override bool HandlesChildPaths => true;

    public override IReadOnlyDictionary<string, Dictionary<string, VariantValue>> Interfaces { get; } =
        new Dictionary<string, Dictionary<string, VariantValue>> { [ObjectManagerInterface] = [] };

    protected override async ValueTask<bool> HandleCallAsync(MethodContext context, string interfaceName, string member)
    {
        string path = context.Request.PathAsString ?? string.Empty;
        if (path != Path)
        {
            if (!_children.TryGetValue(path, out var child))
            {
                return false;
            }

            await child.HandleMethodAsync(context).ConfigureAwait(false);
            return true;
        }

        if (interfaceName != ObjectManagerInterface || member != "GetManagedObjects")
        {
            return false;
        }

        var writer = context.CreateReplyWriter("a{oa{sa{sv}}}");
        try
        {
            var objects = writer.WriteDictionaryStart();
            foreach (var child in _children.Values)
            {
                writer.WriteDictionaryEntryStart();
                writer.WriteObjectPath(child.Path);
                child.WriteInterfaces(ref writer);
            }

            writer.WriteDictionaryEnd(objects);
            context.Reply(writer.CreateMessage());
        }
        finally
        {
            writer.Dispose();
        }

        return true;
    }

    private static Characteristic CharacteristicOf(string service, string name, string uuid, byte[] value) =>
        new(service + name, CharacteristicInterface, new()
        {
            ["UUID"] = uuid,
            ["Service"] = new ObjectPath(service),
            ["Flags"] = VariantValue.Array(ReadOnly),
        }, value);

    /// <summary>A service or a read-only characteristic under the application root.</summary>
    private sealed class Characteristic(string path, string interfaceName, Dictionary<string, VariantValue> properties, byte[]? value)
        : ExportedObject(path)
    {
        public override IReadOnlyDictionary<string, Dictionary<string, VariantValue>> Interfaces { get; } =
            new Dictionary<string, Dictionary<string, VariantValue>> { [interfaceName] = properties };

        protected override ValueTask<bool> HandleCallAsync(MethodContext context, string requested, string member)
        {
            if (value is null || requested != CharacteristicInterface)
            {
                return ValueTask.FromResult(false);
            }

            switch (member)
            {
                case "ReadValue":
                    // The options (offset, MTU, device) are ignored: the value fits one ATT read.
                    using (var writer = context.CreateReplyWriter("ay"))
                    {
                        writer.WriteArray(value);
                        context.Reply(writer.CreateMessage());
                    }

                    return ValueTask.FromResult(true);
                case "WriteValue":
                    context.ReplyError("org.bluez.Error.NotPermitted", "the CallSync characteristics are read-only");
                    return ValueTask.FromResult(true);
                case "StartNotify" or "StopNotify":
                    context.ReplyError("org.bluez.Error.NotSupported", "the CallSync characteristics do not notify");
                    return ValueTask.FromResult(true);
                default:
                    return ValueTask.FromResult(false);
            }
        }
    }
}

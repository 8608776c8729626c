using Tmds.DBus.Protocol;

namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>
/// One object we export for bluetoothd to call back: its interfaces' properties (answered through
/// org.freedesktop.DBus.Properties, which BlueZ reads) and the methods of its own interfaces.
/// </summary>
internal abstract class ExportedObject : IPathMethodHandler
{
    protected const string PropertiesInterface = "org.freedesktop.DBus.Properties";

    protected ExportedObject(string path) => Path = path;

    public string Path { get; }

    public virtual bool HandlesChildPaths => false;

    /// <summary>Interface name -> its properties, as they are sent.</summary>
    public abstract IReadOnlyDictionary<string, Dictionary<string, VariantValue>> Interfaces { get; }

    public async ValueTask HandleMethodAsync(MethodContext context)
    {
        var request = context.Request;
        string member = request.MemberAsString ?? string.Empty;
        if (request.InterfaceAsString == PropertiesInterface)
        {
            HandleProperties(context, member);
        }
        else if (!await HandleCallAsync(context, request.InterfaceAsString ?? string.Empty, member).ConfigureAwait(false))
        {
            context.ReplyUnknownMethodError();
        }
    }

    /// <summary>
    /// Writes <c>a{sa{sv}}</c>: every interface with its properties (GetManagedObjects uses it). By reference: a copy
    /// of the writer would write at the caller's position without moving it, and the caller would overwrite it.
    /// </summary>
    public void WriteInterfaces(ref MessageWriter writer)
    {
        var interfaces = writer.WriteDictionaryStart();
        foreach (var (name, properties) in Interfaces)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteDictionary(properties);
        }

        writer.WriteDictionaryEnd(interfaces);
    }

    /// <summary>Handles a method of one of the object's own interfaces; false when there is no such method.</summary>
    protected abstract ValueTask<bool> HandleCallAsync(MethodContext context, string interfaceName, string member);

    protected static void ReplyEmpty(MethodContext context)
    {
        if (!context.NoReplyExpected)
        {
            using var writer = context.CreateReplyWriter(null!);
            context.Reply(writer.CreateMessage());
        }
    }

    private void HandleProperties(MethodContext context, string member)
    {
        var reader = context.Request.GetBodyReader();
        string interfaceName = reader.ReadString();
        if (!Interfaces.TryGetValue(interfaceName, out var properties))
        {
            context.ReplyError("org.freedesktop.DBus.Error.UnknownInterface", $"{Path} has no interface {interfaceName}");
            return;
        }

        switch (member)
        {
            case "GetAll":
                using (var writer = context.CreateReplyWriter("a{sv}"))
                {
                    writer.WriteDictionary(properties);
                    context.Reply(writer.CreateMessage());
                }

                break;
            case "Get" when properties.TryGetValue(reader.ReadString(), out var value):
                using (var writer = context.CreateReplyWriter("v"))
                {
                    writer.WriteVariant(value);
                    context.Reply(writer.CreateMessage());
                }

                break;
            case "Get":
                context.ReplyError("org.freedesktop.DBus.Error.UnknownProperty", $"{interfaceName} has no such property");
                break;
            case "Set":
                context.ReplyError("org.freedesktop.DBus.Error.PropertyReadOnly", $"the properties of {interfaceName} are read-only");
                break;
            default:
                context.ReplyUnknownMethodError();
                break;
        }
    }
}

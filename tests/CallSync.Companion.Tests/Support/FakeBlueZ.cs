using Tmds.DBus.Protocol;

namespace CallSync.Companion.Tests.Support;

/// <summary>
/// A stand-in for bluetoothd on a private bus: owns <c>org.bluez</c> and answers the manager calls the agent makes
/// (LEAdvertisingManager1 and GattManager1 on /org/bluez/hci0, ProfileManager1 on /org/bluez) the way bluetoothd
/// does, by calling back into the registered objects: Properties.GetAll for an advertisement, GetManagedObjects and
/// ReadValue for a GATT application. What it saw is kept for the assertions. It can refuse one method by name.
/// </summary>
public sealed class FakeBlueZ : IAsyncDisposable, IPathMethodHandler
{
    private readonly DBusConnection _connection;
    private readonly string? _refuse;

    private FakeBlueZ(DBusConnection connection, string? refuse)
    {
        _connection = connection;
        _refuse = refuse;
    }

    public string Path => "/org/bluez";

    public bool HandlesChildPaths => true;

    /// <summary>The advertisement's LEAdvertisement1 properties, once registered.</summary>
    public TaskCompletionSource<Dictionary<string, VariantValue>> Advertisement { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The GATT application's objects (path -> interface -> properties) and each characteristic's value.</summary>
    public TaskCompletionSource<(Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> Objects, Dictionary<string, byte[]> Values)> Application { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>RegisterProfile's UUID and options.</summary>
    public TaskCompletionSource<(string Uuid, Dictionary<string, VariantValue> Options)> Profile { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Connects, exports the managers and takes the name org.bluez. <paramref name="refuse"/>: a Register* method answered with org.bluez.Error.Failed.</summary>
    public static async Task<FakeBlueZ> StartAsync(string address, string? refuse = null)
    {
        var connection = new DBusConnection(address);
        await connection.ConnectAsync();
        var fake = new FakeBlueZ(connection, refuse);
        connection.AddMethodHandler(fake);
        await connection.RequestNameAsync("org.bluez", RequestNameOptions.Default);
        return fake;
    }

    public async ValueTask HandleMethodAsync(MethodContext context)
    {
        var request = context.Request;
        string member = request.MemberAsString ?? string.Empty;
        string sender = request.SenderAsString ?? string.Empty;
        var reader = request.GetBodyReader();
        if (member == _refuse)
        {
            context.ReplyError("org.bluez.Error.Failed", "Maximum advertisements reached");
            return;
        }

        switch (member)
        {
            case "RegisterAdvertisement":
                string advertisement = reader.ReadObjectPathAsString();
                Advertisement.TrySetResult(await GetAllAsync(sender, advertisement, "org.bluez.LEAdvertisement1"));
                break;
            case "RegisterApplication":
                string root = reader.ReadObjectPathAsString();
                var objects = await GetManagedObjectsAsync(sender, root);
                var values = new Dictionary<string, byte[]>();
                foreach (var (path, interfaces) in objects.Where(o => o.Value.ContainsKey("org.bluez.GattCharacteristic1")))
                {
                    values[path] = await ReadValueAsync(sender, path);
                }

                Application.TrySetResult((objects, values));
                break;
            case "RegisterProfile":
                reader.ReadObjectPath();
                string uuid = reader.ReadString();
                Profile.TrySetResult((uuid, reader.ReadDictionaryOfStringToVariantValue()));
                break;
            case "UnregisterAdvertisement" or "UnregisterApplication" or "UnregisterProfile":
                break;
            default:
                context.ReplyUnknownMethodError();
                return;
        }

        using var writer = context.CreateReplyWriter(null!);
        context.Reply(writer.CreateMessage());
    }

    /// <summary>Leaves the bus, as bluetoothd does when it stops: org.bluez loses its owner.</summary>
    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<Dictionary<string, VariantValue>> GetAllAsync(string destination, string path, string interfaceName)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(destination, path, "org.freedesktop.DBus.Properties", "GetAll", "s", MessageFlags.None);
        writer.WriteString(interfaceName);
        return _connection.CallMethodAsync(writer.CreateMessage(), static (m, _) => m.GetBodyReader().ReadDictionaryOfStringToVariantValue(), null);
    }

    private Task<Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>>> GetManagedObjectsAsync(string destination, string root)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(destination, root, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", null!, MessageFlags.None);
        return _connection.CallMethodAsync(writer.CreateMessage(), static (m, _) =>
        {
            var reader = m.GetBodyReader();
            var objects = new Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>>();
            var end = reader.ReadDictionaryStart();
            while (reader.HasNext(end))
            {
                string path = reader.ReadObjectPathAsString();
                var interfaces = new Dictionary<string, Dictionary<string, VariantValue>>();
                var inner = reader.ReadDictionaryStart();
                while (reader.HasNext(inner))
                {
                    string name = reader.ReadString();
                    interfaces[name] = reader.ReadDictionaryOfStringToVariantValue();
                }

                objects[path] = interfaces;
            }

            return objects;
        }, null);
    }

    private Task<byte[]> ReadValueAsync(string destination, string path)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteMethodCallHeader(destination, path, "org.bluez.GattCharacteristic1", "ReadValue", "a{sv}", MessageFlags.None);
        writer.WriteDictionary(new Dictionary<string, VariantValue>());
        return _connection.CallMethodAsync(writer.CreateMessage(), static (m, _) => m.GetBodyReader().ReadArrayOfByte(), null);
    }
}

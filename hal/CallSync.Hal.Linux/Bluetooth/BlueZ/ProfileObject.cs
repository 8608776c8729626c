using Tmds.DBus.Protocol;

namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>
/// org.bluez.Profile1 for the RFCOMM SDP record. The profile is registered without a Channel option, so bluetoothd
/// publishes the record but does not listen itself: connections reach the agent's own RFCOMM socket, never
/// NewConnection (which refuses and closes any descriptor it is handed).
/// </summary>
internal sealed class ProfileObject(string path, Action released) : ExportedObject(path)
{
    public const string Interface = "org.bluez.Profile1";

    public override IReadOnlyDictionary<string, Dictionary<string, VariantValue>> Interfaces { get; } =
        new Dictionary<string, Dictionary<string, VariantValue>> { [Interface] = [] };

    protected override ValueTask<bool> HandleCallAsync(MethodContext context, string interfaceName, string member)
    {
        if (interfaceName != Interface)
        {
            return ValueTask.FromResult(false);
        }

        switch (member)
        {
            case "Release":
                released();
                ReplyEmpty(context);
                return ValueTask.FromResult(true);
            case "NewConnection":
                var reader = context.Request.GetBodyReader();
                reader.ReadObjectPath();
                reader.ReadHandle<Microsoft.Win32.SafeHandles.SafeFileHandle>()?.Dispose();
                context.ReplyError("org.bluez.Error.Rejected", "the desk phone accepts RFCOMM connections on its own socket");
                return ValueTask.FromResult(true);
            case "RequestDisconnection":
                ReplyEmpty(context);
                return ValueTask.FromResult(true);
            default:
                return ValueTask.FromResult(false);
        }
    }
}

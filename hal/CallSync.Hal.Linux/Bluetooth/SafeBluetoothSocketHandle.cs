using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Bluetooth.Interop;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>Owns one socket file descriptor (RFCOMM, L2CAP, or one end of an AF_UNIX pair).</summary>
internal sealed class SafeBluetoothSocketHandle : SafeHandle
{
    public SafeBluetoothSocketHandle()
        : base(-1, ownsHandle: true)
    {
    }

    internal SafeBluetoothSocketHandle(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => BluetoothSocketNative.Close((int)handle) == 0;
}

using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Bluetooth.Interop;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>Owns one RFCOMM socket file descriptor.</summary>
internal sealed class SafeRfcommHandle : SafeHandle
{
    public SafeRfcommHandle()
        : base(-1, ownsHandle: true)
    {
    }

    internal SafeRfcommHandle(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => RfcommNative.Close((int)handle) == 0;
}

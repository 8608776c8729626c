using System.Runtime.InteropServices;

namespace CallSync.Testing.Interop;

/// <summary>A native object (an encoder's state) owned by the test kit and released exactly once by its own free function.</summary>
internal sealed class NativeObject : SafeHandle
{
    private readonly Action<IntPtr> _release;

    public NativeObject(IntPtr handle, Action<IntPtr> release, string what)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("could not create " + what);
        }

        SetHandle(handle);
        _release = release;
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}

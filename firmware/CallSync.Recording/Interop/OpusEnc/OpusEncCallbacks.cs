using System.Runtime.InteropServices;

namespace CallSync.Recording.Interop.OpusEnc;

/// <summary>The OpusEncCallbacks struct: write(user_data, ptr, len) and close(user_data); 0 means success.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpusEncCallbacks
{
    public delegate* unmanaged[Cdecl]<nint, byte*, int, int> Write;
    public delegate* unmanaged[Cdecl]<nint, int> Close;
}

using Microsoft.Win32.SafeHandles;

namespace CallSync.Media.Interop.Opus;

/// <summary>Owns one native OpusEncoder*.</summary>
internal sealed class OpusEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpusEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusNative.DestroyEncoder(handle);
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace CallSync.Media.Interop.Opus;

/// <summary>Owns one native OpusDecoder*.</summary>
internal sealed class OpusDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpusDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusNative.DestroyDecoder(handle);
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace CallSync.Recording.Interop.OpusEnc;

/// <summary>Owns one OggOpusEnc*.</summary>
internal sealed class OggOpusEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OggOpusEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusEncNative.DestroyEncoder(handle);
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace CallSync.Recording.Interop.OpusEnc;

/// <summary>Owns one OggOpusComments*.</summary>
internal sealed class OggOpusCommentsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OggOpusCommentsHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusEncNative.DestroyComments(handle);
        return true;
    }
}

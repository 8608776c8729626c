using Microsoft.Win32.SafeHandles;

namespace CallSync.Media.Interop.SpanDsp;

/// <summary>Owns one native g722_encode_state_t* allocated by g722_encode_init.</summary>
internal sealed class G722EncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public G722EncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => G722Native.FreeEncoder(handle);
}

using Microsoft.Win32.SafeHandles;

namespace CallSync.Media.Interop.SpanDsp;

/// <summary>Owns one native g722_decode_state_t* allocated by g722_decode_init.</summary>
internal sealed class G722DecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public G722DecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => G722Native.FreeDecoder(handle);
}

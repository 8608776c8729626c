using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Audio.Interop;

namespace CallSync.Hal.Linux.Audio;

/// <summary>Owns one <c>snd_pcm_t</c>; closing it stops the stream and frees alsa-lib's state.</summary>
internal sealed class SafeAlsaPcmHandle : SafeHandle
{
    public SafeAlsaPcmHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => AlsaNative.Close(handle) == 0;
}

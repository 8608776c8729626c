using CallSync.Hal;
using CallSync.Recording.Interop;

namespace CallSync.Recording;

/// <summary>The native library the recorder loads: libopusenc, which writes the Ogg Opus files.</summary>
public static class RecordingNativeDependencies
{
    public static IReadOnlyList<NativeDependency> All { get; } =
    [
        new(Libraries.OpusEnc, "Debian's libopusenc0", typeof(RecordingNativeDependencies).Assembly),
    ];
}

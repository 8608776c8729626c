using CallSync.Hal;
using CallSync.Media.Interop;

namespace CallSync.Media;

/// <summary>The native libraries the media path loads: Opus for Opus calls and recordings, spandsp for G.722.</summary>
public static class MediaNativeDependencies
{
    public static IReadOnlyList<NativeDependency> All { get; } =
    [
        new(Libraries.Opus, "Debian's libopus0", typeof(MediaNativeDependencies).Assembly),
        new(Libraries.SpanDsp, "Debian's libspandsp2", typeof(MediaNativeDependencies).Assembly),
    ];
}

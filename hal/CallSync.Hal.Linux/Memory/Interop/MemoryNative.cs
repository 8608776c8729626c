using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Memory.Interop;

/// <summary>Raw libc memory-advice call.</summary>
internal static partial class MemoryNative
{
    /// <summary>madvise(): reclaim the range's pages now (Linux 5.4+); a page another process also maps is left alone.</summary>
    internal const int MadvPageout = 21;

    internal const int Einval = 22;

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Madvise(nint address, nuint length, int advice);
}

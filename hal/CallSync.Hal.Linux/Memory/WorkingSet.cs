using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Memory.Interop;

namespace CallSync.Hal.Linux.Memory;

/// <summary>
/// The process's own resident memory: what it holds, and giving back the file pages only start-up used. Once a
/// program has started, much of its executable's code and read-only data (configuration binding, dependency
/// injection, migrations) is never run again, yet stays resident until memory runs short. Paging it out returns
/// that memory at once; what a later call needs is read back from the file on first use.
/// </summary>
public static class WorkingSet
{
    private const string SelfStatus = "/proc/self/status";
    private const string SelfMaps = "/proc/self/maps";

    /// <summary>This process's memory figures; null where <c>/proc</c> does not have them (not Linux).</summary>
    public static MemoryFigures? Read() =>
        File.Exists(SelfStatus) ? MemoryFigures.Parse(File.ReadAllText(SelfStatus)) : null;

    /// <summary>
    /// Pages out this process's private read-only file mappings (<c>madvise(MADV_PAGEOUT)</c>): the executable's and
    /// libraries' code and constant data. Writable memory is never touched. Pages another process also maps stay.
    /// </summary>
    public static PageOutResult PageOutFileMappings()
    {
        if (!File.Exists(SelfMaps))
        {
            return new PageOutResult(0, 0, "no /proc/self/maps: not Linux");
        }

        int mappings = 0;
        long bytes = 0;
        foreach (var line in File.ReadAllLines(SelfMaps))
        {
            if (!ProcessMapping.TryParse(line, out var mapping) || !mapping.IsReadOnlyFile)
            {
                continue;
            }

            if (MemoryNative.Madvise((nint)mapping.Start, (nuint)mapping.Length, MemoryNative.MadvPageout) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error == MemoryNative.Einval)
                {
                    return new PageOutResult(mappings, bytes, "the kernel has no MADV_PAGEOUT (Linux 5.4 or later)");
                }

                // A mapping unmapped since the list was read (ENOMEM) or locked (EAGAIN): the others still count.
                continue;
            }

            mappings++;
            bytes += (long)mapping.Length;
        }

        return new PageOutResult(mappings, bytes, null);
    }
}

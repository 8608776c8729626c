using System.Globalization;

namespace CallSync.Hal.Linux.Memory;

/// <summary>A process's resident memory as the kernel counts it (<c>/proc/PID/status</c>), in bytes.</summary>
/// <param name="Resident">VmRSS: every resident page.</param>
/// <param name="Anonymous">RssAnon: the heaps, stacks and runtime data only swap could free.</param>
/// <param name="FileBacked">RssFile: pages of mapped files (code, read-only data) the kernel can drop and read back.</param>
/// <param name="Peak">VmHWM: the highest VmRSS so far.</param>
public readonly record struct MemoryFigures(long Resident, long Anonymous, long FileBacked, long Peak)
{
    /// <summary>Reads the figures from the text of a <c>/proc/PID/status</c> file; null when a field is missing.</summary>
    public static MemoryFigures? Parse(string status)
    {
        long resident = -1, anonymous = -1, file = -1, peak = -1;
        foreach (var line in status.AsSpan().EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..];
            switch (line[..colon])
            {
                case "VmRSS":
                    resident = Kilobytes(value);
                    break;
                case "RssAnon":
                    anonymous = Kilobytes(value);
                    break;
                case "RssFile":
                    file = Kilobytes(value);
                    break;
                case "VmHWM":
                    peak = Kilobytes(value);
                    break;
            }
        }

        return resident < 0 || anonymous < 0 || file < 0 || peak < 0 ? null : new MemoryFigures(resident, anonymous, file, peak);
    }

    // "   1234 kB" -> bytes; -1 when it is not that.
    private static long Kilobytes(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        return value.EndsWith(" kB", StringComparison.Ordinal) &&
            long.TryParse(value[..^3].TrimEnd(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib) && kib <= long.MaxValue / 1024
            ? kib * 1024
            : -1;
    }
}

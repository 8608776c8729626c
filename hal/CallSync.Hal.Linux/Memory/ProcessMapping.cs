using System.Globalization;

namespace CallSync.Hal.Linux.Memory;

/// <summary>One line of <c>/proc/PID/maps</c>: an address range, its permissions and what backs it.</summary>
internal readonly record struct ProcessMapping(ulong Start, ulong End, string Permissions, ulong Inode, string Path)
{
    public ulong Length => End - Start;

    /// <summary>
    /// Code and read-only data of a file mapped privately (the executable, shared libraries): clean pages the kernel
    /// can drop and read back from the file. Writable mappings hold the process's own data and are never touched.
    /// </summary>
    public bool IsReadOnlyFile =>
        Permissions is ['r', '-', _, 'p'] && Inode != 0 && Path.StartsWith('/') && Length > 0;

    /// <summary>Parses "start-end perms offset dev inode [path]"; false for anything else.</summary>
    public static bool TryParse(string line, out ProcessMapping mapping)
    {
        mapping = default;
        var rest = line.AsSpan();
        if (!NextField(ref rest, out var range) || !NextField(ref rest, out var permissions) ||
            !NextField(ref rest, out _) || !NextField(ref rest, out _) || !NextField(ref rest, out var inode))
        {
            return false;
        }

        var dash = range.IndexOf('-');
        if (dash <= 0 || permissions.Length != 4 ||
            !ulong.TryParse(range[..dash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start) ||
            !ulong.TryParse(range[(dash + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end) ||
            end < start ||
            !ulong.TryParse(inode, NumberStyles.None, CultureInfo.InvariantCulture, out var inodeNumber))
        {
            return false;
        }

        // The path is the rest of the line (it may hold spaces); padding separates it from the inode.
        mapping = new ProcessMapping(start, end, permissions.ToString(), inodeNumber, rest.Trim().ToString());
        return true;
    }

    private static bool NextField(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> field)
    {
        rest = rest.TrimStart(' ');
        var end = rest.IndexOf(' ');
        field = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..];
        return !field.IsEmpty;
    }
}

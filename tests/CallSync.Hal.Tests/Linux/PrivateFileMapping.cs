using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CallSync.Hal.Tests.Linux;

/// <summary>
/// A file of the test's own mapped read-only and private (as a program's code is), every page touched: pages no
/// other process maps and no other code of this process touches, so what a page-out does to them is deterministic.
/// </summary>
internal sealed partial class PrivateFileMapping : IDisposable
{
    private const int ProtRead = 1;
    private const int MapPrivate = 2;
    private readonly nint _address;
    private readonly nuint _length;

    public PrivateFileMapping(string path, int pages)
    {
        _length = (nuint)(pages * Environment.SystemPageSize);
        File.WriteAllBytes(path, new byte[(int)_length]);
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(file); // clean pages: a dirty page is written back before it can be dropped
        _address = Mmap(0, _length, ProtRead, MapPrivate, (int)file.DangerousGetHandle(), 0);
        if (_address == -1)
        {
            throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
        }

        for (var offset = 0; offset < (int)_length; offset += Environment.SystemPageSize)
        {
            _ = Marshal.ReadByte(_address, offset);
        }
    }

    /// <summary>The mapping's resident bytes, from this process's /proc/self/smaps.</summary>
    public long ResidentBytes()
    {
        var start = ((ulong)_address).ToString("x", CultureInfo.InvariantCulture) + "-";
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.StartsWith(start, StringComparison.Ordinal))
            {
                inMapping = true;
            }
            else if (inMapping && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                return long.Parse(line["Rss:".Length..^"kB".Length].Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"mapping {start} not in /proc/self/smaps");
    }

    public void Dispose() => _ = Munmap(_address, _length);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}

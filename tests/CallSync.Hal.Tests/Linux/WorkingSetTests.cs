using CallSync.Hal.Linux.Memory;
using CallSync.Testing.Files;

namespace CallSync.Hal.Tests.Linux;

public sealed class WorkingSetTests
{
    [Theory]
    [InlineData("5641e9582000-5641e9d46000 r-xp 00019000 fe:00 11690224                   /opt/callsync/callsync-agent",
        0x5641e9582000UL, 0x5641e9d46000UL, "r-xp", 11690224UL, "/opt/callsync/callsync-agent")]
    [InlineData("7f88fc000000-7f88fc021000 rw-p 00000000 00:00 0 ", 0x7f88fc000000UL, 0x7f88fc021000UL, "rw-p", 0UL, "")]
    [InlineData("7ffd1b5f2000-7ffd1b5f4000 r-xp 00000000 00:00 0                          [vdso]",
        0x7ffd1b5f2000UL, 0x7ffd1b5f4000UL, "r-xp", 0UL, "[vdso]")]
    [InlineData("7f0000000000-7f0000001000 r--p 00000000 08:01 42 /data/a file with spaces.so (deleted)",
        0x7f0000000000UL, 0x7f0000001000UL, "r--p", 42UL, "/data/a file with spaces.so (deleted)")]
    public void TryParse_MapsLine_ReadsEveryField(string line, ulong start, ulong end, string permissions, ulong inode, string path)
    {
        Assert.True(ProcessMapping.TryParse(line, out var mapping));
        Assert.Equal(new ProcessMapping(start, end, permissions, inode, path), mapping);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("5641e9582000 r-xp 00019000 fe:00 1 /x")] // no range
    [InlineData("5641e9d46000-5641e9582000 r-xp 00019000 fe:00 1 /x")] // end before start
    [InlineData("5641e9582000-5641e9d46000 r-x 00019000 fe:00 1 /x")] // three permission letters
    [InlineData("5641e9582000-5641e9d46000 r-xp 00019000 fe:00 -1 /x")] // negative inode
    [InlineData("zz-5641e9d46000 r-xp 00019000 fe:00 1 /x")]
    [InlineData("5641e9582000-5641e9d46000 r-xp 00019000")] // cut short
    public void TryParse_NotAMapsLine_False(string line) => Assert.False(ProcessMapping.TryParse(line, out _));

    [Theory]
    [InlineData("r-xp", 7UL, "/usr/lib/libc.so.6", true)] // code
    [InlineData("r--p", 7UL, "/opt/callsync/callsync-agent", true)] // read-only data
    [InlineData("rw-p", 7UL, "/opt/callsync/callsync-agent", false)] // the program's own writable data
    [InlineData("r--s", 7UL, "/data/callsync.db-shm", false)] // shared with another process
    [InlineData("r-xp", 0UL, "[vdso]", false)]
    [InlineData("rw-p", 0UL, "", false)] // heap
    public void IsReadOnlyFile_OnlyPrivateUnwritableFilePages(string permissions, ulong inode, string path, bool expected) =>
        Assert.Equal(expected, new ProcessMapping(0x1000, 0x2000, permissions, inode, path).IsReadOnlyFile);

    [Fact]
    public void Parse_ProcStatus_ReadsTheResidentSplitInBytes()
    {
        const string status = "Name:\tcallsync-agent\nVmPeak:\t  300000 kB\nVmHWM:\t   33000 kB\nVmRSS:\t   22000 kB\n" +
            "RssAnon:\t   10900 kB\nRssFile:\t   11100 kB\nRssShmem:\t       0 kB\nThreads:\t14\n";

        Assert.Equal(new MemoryFigures(22000 * 1024L, 10900 * 1024L, 11100 * 1024L, 33000 * 1024L), MemoryFigures.Parse(status));
    }

    [Theory]
    [InlineData("VmHWM:\t1 kB\nVmRSS:\t1 kB\nRssAnon:\t1 kB\n")] // RssFile missing
    [InlineData("VmHWM:\t1 kB\nVmRSS:\t1 MB\nRssAnon:\t1 kB\nRssFile:\t1 kB\n")] // another unit
    [InlineData("VmHWM:\t1 kB\nVmRSS:\tlots kB\nRssAnon:\t1 kB\nRssFile:\t1 kB\n")]
    [InlineData("")]
    public void Parse_IncompleteStatus_Null(string status) => Assert.Null(MemoryFigures.Parse(status));

    [Fact]
    public void PageOutFileMappings_PrivateReadOnlyFileMapping_ItsPagesAreGivenBack()
    {
        using var dir = new TempDirectory("callsync-workingset-");
        using var mapping = new PrivateFileMapping(Path.Combine(dir.Path, "code.bin"), pages: 64);
        Assert.Equal(64L * Environment.SystemPageSize, mapping.ResidentBytes());

        var result = WorkingSet.PageOutFileMappings();

        Assert.Null(result.Problem);
        Assert.True(result.Mappings > 0, $"{result}");
        Assert.Equal(0, mapping.ResidentBytes());
    }

    [Fact]
    public void Read_ThisProcess_FiguresAddUp()
    {
        var figures = WorkingSet.Read();

        Assert.NotNull(figures);
        Assert.True(figures.Value.Anonymous > 0 && figures.Value.FileBacked > 0, $"{figures}");
        Assert.True(figures.Value.Peak >= figures.Value.Resident, $"{figures}");
    }
}

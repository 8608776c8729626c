using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Agent.Storage;
using CallSync.Agent.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Agent.Tests.Storage;

/// <summary>The disk-full state: entered and left once each way, with the reserve released and taken, seen by records.</summary>
public sealed class StorageMonitorTests : IDisposable
{
    private const long KiB = 1024;
    private const long Floor = 1024 * KiB;
    private const long Reserve = 64 * KiB;
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-storage-").FullName;
    private readonly FakeFreeSpace _free = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly LogCapture _log = new();
    private readonly ILoggerFactory _loggers;
    private readonly StorageMonitor _monitor;
    private int _changes;

    public StorageMonitorTests()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_log).SetMinimumLevel(LogLevel.Trace));
        _monitor = new StorageMonitor(
            new StorageOptions { MinFreeBytes = Floor, ReserveBytes = Reserve, CheckInterval = TimeSpan.FromSeconds(10) },
            DataDirectory.Prepare(_dir), _free, _time, _loggers.CreateLogger<StorageMonitor>());
        _monitor.Changed += (_, _) => Interlocked.Increment(ref _changes);
    }

    private string ReservePath => Path.Combine(_dir, ReserveFile.FileName);

    public void Dispose()
    {
        _monitor.Dispose();
        _loggers.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task StartAsync_RoomAboveFloor_TakesReserveNotFull()
    {
        _free.Bytes = 10 * Floor;

        await _monitor.StartAsync(CancellationToken.None);

        Assert.False(_monitor.IsFull);
        Assert.Equal(Reserve, new FileInfo(ReservePath).Length);
        Assert.StartsWith("ok, 10.0 MiB free (floor 1024 KiB, reserve 64 KiB)", _monitor.Describe(), StringComparison.Ordinal);
        Assert.True(_monitor.MayStartRecording());
        await _monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Check_FreeFallsBelowFloor_FullOnceReserveReleasedOneLine()
    {
        _free.Bytes = 10 * Floor;
        await _monitor.StartAsync(CancellationToken.None);

        _free.Bytes = Floor - 1;
        _monitor.Check();
        _monitor.Check();

        Assert.True(_monitor.IsFull);
        Assert.False(_monitor.MayStartRecording());
        Assert.False(File.Exists(ReservePath));
        Assert.Equal(1, _changes);
        Assert.Single(_log.Lines, l => l.Message.StartsWith("Disk full:", StringComparison.Ordinal));
        Assert.StartsWith("DISK FULL: 1023 KiB free, below the floor of 1024 KiB", _monitor.Describe(), StringComparison.Ordinal);
        await _monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Check_SpaceReturns_LeavesOnlyAboveFloorPlusReserveAndRetakesReserve()
    {
        _free.Bytes = 10 * Floor;
        await _monitor.StartAsync(CancellationToken.None);
        _free.Bytes = Floor / 2;
        _monitor.Check();

        // Above the floor with the released reserve counted back, but not by a whole reserve: still full (no flapping).
        _free.Bytes = Floor + (2 * Reserve) - 1;
        _monitor.Check();
        Assert.True(_monitor.IsFull);

        _free.Bytes = Floor + (2 * Reserve);
        _monitor.Check();

        Assert.False(_monitor.IsFull);
        Assert.True(File.Exists(ReservePath));
        Assert.Equal(2, _changes);
        Assert.Single(_log.Lines, l => l.Message.StartsWith("Disk has room again", StringComparison.Ordinal));
        await _monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_RestartWithReserveReleased_StillFull()
    {
        // The last run released the reserve; what is free now is above the floor only thanks to that space.
        _free.Bytes = Floor + (Reserve / 2);

        await _monitor.StartAsync(CancellationToken.None);

        Assert.True(_monitor.IsFull);
        Assert.False(File.Exists(ReservePath));
        await _monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TakeFullFlag_FullSpellBetweenTwoRecords_OnlyTheNextRecordFlagged()
    {
        _free.Bytes = 10 * Floor;
        await _monitor.StartAsync(CancellationToken.None);
        Assert.False(_monitor.TakeFullFlag());

        _free.Bytes = 0;
        _monitor.Check();
        _free.Bytes = 10 * Floor;
        _monitor.Check();

        Assert.True(_monitor.TakeFullFlag());
        Assert.False(_monitor.TakeFullFlag());
        await _monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Timer_CheckIntervalPasses_FullWithoutAnyCall()
    {
        _free.Bytes = 10 * Floor;
        await _monitor.StartAsync(CancellationToken.None);
        _free.Bytes = 0;

        for (int i = 0; i < 200 && !_monitor.IsFull; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(10);
        }

        Assert.True(_monitor.IsFull);
        await _monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Check_FreeSpaceUnreadable_TakenAsRoomLoggedOnce()
    {
        _free.Bytes = null;
        await _monitor.StartAsync(CancellationToken.None);
        _monitor.Check();

        Assert.False(_monitor.IsFull);
        Assert.Single(_log.Lines, l => l.Message.Contains("cannot be read", StringComparison.Ordinal));
        Assert.Contains("free space unknown", _monitor.Describe(), StringComparison.Ordinal);
        await _monitor.StopAsync(CancellationToken.None);
    }

    private sealed class FakeFreeSpace : IFreeSpaceProbe
    {
        public long? Bytes { get; set; }

        public long? AvailableBytes(string path) => Bytes;
    }
}

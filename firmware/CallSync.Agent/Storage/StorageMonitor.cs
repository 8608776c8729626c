using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Storage;

/// <summary>
/// Watches free space in the data directory (every <see cref="StorageOptions.CheckInterval"/> and before each
/// recording starts). Below <see cref="StorageOptions.MinFreeBytes"/> the disk is <em>full</em>, a state: one line
/// when it starts and one when it ends, the reserve file is released so records can still be written, no new recording
/// starts, <c>callsync status</c> says so, the next record carries the <c>diskFull</c> flag and the MQTT state the
/// <c>diskFull</c> warning. Free space is counted as if the reserve were held (a released reserve is space promised to
/// the records, also after a restart), and the state ends when that is back above the floor plus one reserve (so taking
/// the reserve again cannot put it under the floor at once).
/// </summary>
internal sealed class StorageMonitor : PeriodicService, IStatusSource
{
    private readonly StorageOptions _options;
    private readonly string _dataDir;
    private readonly IFreeSpaceProbe _probe;
    private readonly ReserveFile _reserve;
    private readonly ILogger<StorageMonitor> _logger;
    private readonly Lock _gate = new();
    private long? _free;
    private bool _full;
    private bool _fullSinceLastRecord;
    private bool _unreadableLogged;

    public StorageMonitor(StorageOptions options, DataDirectory dataDirectory, IFreeSpaceProbe probe, TimeProvider time, ILogger<StorageMonitor> logger)
        : base(options.CheckInterval, time)
    {
        _options = options;
        _dataDir = dataDirectory.Path;
        _probe = probe;
        _reserve = new ReserveFile(Path.Combine(dataDirectory.Path, ReserveFile.FileName), options.ReserveBytes);
        _logger = logger;
    }

    /// <summary>Raised (outside any lock) when the disk becomes full or has room again.</summary>
    public event EventHandler? Changed;

    public string Name => "storage";

    /// <summary>True while free space is below the floor.</summary>
    public bool IsFull
    {
        get
        {
            lock (_gate)
            {
                return _full;
            }
        }
    }

    private long LeaveAt => _options.MinFreeBytes + (2 * _options.ReserveBytes);

    public string Describe()
    {
        lock (_gate)
        {
            var free = _free is { } bytes ? $"{Megabytes(bytes)} free" : "free space unknown";
            return _full
                ? $"DISK FULL: {free}, below the floor of {Megabytes(_options.MinFreeBytes)}: calls are taken but not recorded until {Megabytes(LeaveAt)} are free"
                : $"ok, {free} (floor {Megabytes(_options.MinFreeBytes)}, reserve {(_reserve.IsHeld ? Megabytes(_options.ReserveBytes) : "not held")})";
        }
    }

    /// <summary>Checks now; false when the disk is full and a new recording must not start.</summary>
    public bool MayStartRecording()
    {
        Check();
        return !IsFull;
    }

    /// <summary>
    /// True when the disk is full now or was since the last record took this flag: the record gets the
    /// <c>diskFull</c> flag, so a full disk that came and went between two calls is not lost from the records either.
    /// </summary>
    public bool TakeFullFlag()
    {
        lock (_gate)
        {
            bool flag = _full || _fullSinceLastRecord;
            _fullSinceLastRecord = false;
            return flag;
        }
    }

    /// <summary>Reads free space and enters or leaves the full state.</summary>
    public void Check()
    {
        bool changed;
        lock (_gate)
        {
            changed = CheckLocked();
        }

        if (changed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    protected override Task StartingAsync(CancellationToken cancellationToken)
    {
        Check();
        return Task.CompletedTask;
    }

    protected override void Tick() => Check();

    private static string Megabytes(long bytes) =>
        bytes < 10 * 1024 * 1024 ? $"{bytes / 1024} KiB" : $"{bytes / (1024.0 * 1024.0):0.0} MiB";

    private bool CheckLocked()
    {
        long? free = _probe.AvailableBytes(_dataDir);
        _free = free;
        if (free is not { } bytes)
        {
            if (!_unreadableLogged)
            {
                StorageLog.Unreadable(_logger, _dataDir);
                _unreadableLogged = true;
            }

            return false;
        }

        // Measured as if the reserve were held: a released reserve is space already promised to the records (also
        // after a restart, when the state itself is gone).
        bool held = _reserve.IsHeld;
        long spare = bytes - (held ? 0 : _options.ReserveBytes);
        if (!_full && spare < _options.MinFreeBytes)
        {
            _full = true;
            _fullSinceLastRecord = true;
            _reserve.Release();
            StorageLog.Entered(_logger, bytes, _dataDir, _options.MinFreeBytes, _options.ReserveBytes);
            _free = _probe.AvailableBytes(_dataDir) ?? bytes;
            return true;
        }

        if (_full && spare >= _options.MinFreeBytes + _options.ReserveBytes)
        {
            _full = false;
            _reserve.TryTake();
            StorageLog.Left(_logger, bytes, _dataDir);
            _free = _probe.AvailableBytes(_dataDir) ?? bytes;
            return true;
        }

        if (!_full && !held && _reserve.TryTake())
        {
            // At start, or after someone removed it.
            _free = _probe.AvailableBytes(_dataDir) ?? bytes;
        }

        return false;
    }
}

using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>
/// A ringer on one output line (a buzzer or a ringer circuit's enable), switched in a cadence of
/// <see cref="On"/> then <see cref="Off"/> by a <see cref="TimeProvider"/> timer while ringing.
/// </summary>
public sealed class GpioRinger : IRinger, IDisposable
{
    private readonly IGpioOutputs _outputs;
    private readonly int _index;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private object? _cadence;
    private bool _sounding;
    private bool _disposed;

    /// <param name="outputs">The output lines.</param>
    /// <param name="index">The ringer's index among <paramref name="outputs"/>, or -1 when there is no ringer line.</param>
    /// <param name="on">How long each ring sounds.</param>
    /// <param name="off">The pause between rings.</param>
    /// <param name="time">The cadence clock.</param>
    /// <param name="logger">Where start and stop go.</param>
    internal GpioRinger(IGpioOutputs outputs, int index, TimeSpan on, TimeSpan off, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(on, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(off, TimeSpan.Zero);
        _outputs = outputs;
        _index = index;
        On = on;
        Off = off;
        _time = time;
        _logger = logger;
    }

    /// <summary>How long each ring sounds.</summary>
    public TimeSpan On { get; }

    /// <summary>The pause between rings.</summary>
    public TimeSpan Off { get; }

    /// <inheritdoc />
    public bool IsRinging
    {
        get
        {
            lock (_gate)
            {
                return _timer is not null;
            }
        }
    }

    /// <inheritdoc />
    public void Start()
    {
        lock (_gate)
        {
            if (_disposed || _timer is not null)
            {
                return;
            }

            _sounding = true;
            Drive(true);
            // A callback already queued when a ring was stopped must not toggle the next one: each ring has its own token.
            var cadence = new object();
            _cadence = cadence;
            _timer = _time.CreateTimer(static state =>
            {
                var (ringer, token) = ((GpioRinger, object))state!;
                ringer.Toggle(token);
            }, (this, cadence), On, Timeout.InfiniteTimeSpan);
        }

        LinuxBoardLog.Ringing(_logger);
    }

    /// <inheritdoc />
    public void Stop()
    {
        lock (_gate)
        {
            if (_timer is null)
            {
                return;
            }

            _timer.Dispose();
            _timer = null;
            _cadence = null;
            _sounding = false;
            Drive(false);
        }

        LinuxBoardLog.RingingStopped(_logger);
    }

    /// <summary>Stops ringing for good.</summary>
    public void Dispose()
    {
        Stop();
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private void Toggle(object cadence)
    {
        lock (_gate)
        {
            if (_timer is null || !ReferenceEquals(cadence, _cadence))
            {
                return;
            }

            _sounding = !_sounding;
            Drive(_sounding);
            _timer.Change(_sounding ? On : Off, Timeout.InfiniteTimeSpan);
        }
    }

    private void Drive(bool sounding)
    {
        if (_index < 0)
        {
            return;
        }

        try
        {
            _outputs.Set(_index, sounding);
        }
        catch (GpioException ex)
        {
            LinuxBoardLog.OutputFailed(_logger, "ringer", ex.Message);
        }
    }
}

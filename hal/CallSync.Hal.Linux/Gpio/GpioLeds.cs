using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>
/// LEDs on output lines. Blinking LEDs share one <see cref="TimeProvider"/> timer, so they blink in step; an LED
/// with no line configured keeps its state (for <see cref="Get"/>) and drives nothing.
/// </summary>
public sealed class GpioLeds : ILeds, IDisposable
{
    /// <summary>Half a blink: lit this long, then dark this long.</summary>
    public static readonly TimeSpan BlinkHalfPeriod = TimeSpan.FromMilliseconds(500);

    private readonly IGpioOutputs _outputs;
    private readonly int[] _indexes;
    private readonly LedState[] _states = new LedState[Enum.GetValues<Led>().Length];
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _blinkTimer;
    private bool _blinkLit;
    private bool _disposed;

    /// <param name="outputs">The output lines.</param>
    /// <param name="indexes">Each LED's index among <paramref name="outputs"/>, or -1 when it has no line.</param>
    /// <param name="time">The blink clock.</param>
    /// <param name="logger">Where state changes go.</param>
    internal GpioLeds(IGpioOutputs outputs, IReadOnlyDictionary<Led, int> indexes, TimeProvider time, ILogger logger)
    {
        _outputs = outputs;
        _indexes = new int[_states.Length];
        Array.Fill(_indexes, -1);
        foreach (var (led, index) in indexes)
        {
            _indexes[(int)led] = index;
        }

        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public void Set(Led led, LedState state)
    {
        lock (_gate)
        {
            if (_disposed || _states[(int)led] == state)
            {
                return;
            }

            _states[(int)led] = state;
            Drive(led, state == LedState.On || state == LedState.Blinking && _blinkLit);
            UpdateBlinkTimer();
        }

        LinuxBoardLog.LedChanged(_logger, led, state);
    }

    /// <inheritdoc />
    public LedState Get(Led led)
    {
        lock (_gate)
        {
            return _states[(int)led];
        }
    }

    /// <summary>Stops blinking and turns every LED off.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _blinkTimer?.Dispose();
            _blinkTimer = null;
            foreach (var led in Enum.GetValues<Led>())
            {
                Drive(led, false);
            }
        }
    }

    private void UpdateBlinkTimer()
    {
        bool anyBlinking = Array.IndexOf(_states, LedState.Blinking) >= 0;
        if (anyBlinking && _blinkTimer is null)
        {
            _blinkLit = true;
            foreach (var led in Enum.GetValues<Led>())
            {
                if (_states[(int)led] == LedState.Blinking)
                {
                    Drive(led, true);
                }
            }

            _blinkTimer = _time.CreateTimer(static state => ((GpioLeds)state!).Blink(), this, BlinkHalfPeriod, BlinkHalfPeriod);
        }
        else if (!anyBlinking && _blinkTimer is not null)
        {
            _blinkTimer.Dispose();
            _blinkTimer = null;
        }
    }

    private void Blink()
    {
        lock (_gate)
        {
            if (_disposed || _blinkTimer is null)
            {
                return;
            }

            _blinkLit = !_blinkLit;
            foreach (var led in Enum.GetValues<Led>())
            {
                if (_states[(int)led] == LedState.Blinking)
                {
                    Drive(led, _blinkLit);
                }
            }
        }
    }

    private void Drive(Led led, bool lit)
    {
        int index = _indexes[(int)led];
        if (index < 0)
        {
            return;
        }

        try
        {
            _outputs.Set(index, lit);
        }
        catch (GpioException ex)
        {
            LinuxBoardLog.OutputFailed(_logger, $"LED {led}", ex.Message);
        }
    }
}

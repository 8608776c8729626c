using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>
/// Turns the input lines' edge events into hook changes and key presses. The kernel has already debounced the lines
/// and applied active-low, so an edge is a logical change; what remains here is state: an edge that repeats the
/// line's current state (an event lost to a full kernel buffer, or the first edge after the initial read) changes
/// nothing, a key is pressed once on its active edge and released on the inactive one.
/// </summary>
internal sealed class GpioInputDispatcher
{
    private readonly GpioHookSwitch _hook;
    private readonly GpioKeypad _keypad;
    private readonly int? _hookOffset;
    private readonly Dictionary<uint, char> _keys;
    private readonly HashSet<uint> _pressed = [];
    private readonly ILogger _logger;

    public GpioInputDispatcher(GpioHookSwitch hook, GpioKeypad keypad, GpioLine? hookLine, IReadOnlyDictionary<char, GpioLine> keyLines, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(keyLines);
        _hook = hook;
        _keypad = keypad;
        _hookOffset = hookLine?.Offset;
        _keys = keyLines.ToDictionary(pair => (uint)pair.Value.Offset, pair => pair.Key);
        _logger = logger;
    }

    /// <summary>Events that named a line this board does not use (counted, otherwise ignored).</summary>
    public long Unknown { get; private set; }

    /// <summary>The lines' state read when the lines were requested: sets the hook and the held keys without raising anything.</summary>
    public void SetInitial(uint offset, bool active)
    {
        if (offset == _hookOffset)
        {
            _hook.SetInitial(active);
        }
        else if (_keys.ContainsKey(offset))
        {
            if (active)
            {
                _pressed.Add(offset);
            }
            else
            {
                _pressed.Remove(offset);
            }
        }
    }

    /// <summary>Handles one edge event; runs on the event thread.</summary>
    public void Dispatch(in GpioLineEvent lineEvent)
    {
        bool active = lineEvent.Edge == GpioEdge.Rising;
        if (lineEvent.Offset == _hookOffset)
        {
            if (_hook.Update(active))
            {
                LinuxBoardLog.HookChanged(_logger, active ? "off-hook" : "on-hook");
            }

            return;
        }

        if (!_keys.TryGetValue(lineEvent.Offset, out var key))
        {
            Unknown++;
            return;
        }

        if (!active)
        {
            _pressed.Remove(lineEvent.Offset);
            return;
        }

        if (_pressed.Add(lineEvent.Offset))
        {
            _keypad.Press(key);
        }
    }
}

using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Simulated;

/// <summary>
/// A desk phone made of software: every part can be driven by tests, by the agent's control socket
/// (<c>callsync board ...</c>) and by line commands (<see cref="BoardCommand"/>).
/// </summary>
public sealed class SimulatedBoard : IBoard, IDisposable
{
    /// <summary>Builds the board.</summary>
    public SimulatedBoard(SimulatedAudioDevice audio, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        Audio = audio;
        Leds = new SimulatedLeds(loggers.CreateLogger<SimulatedLeds>());
        Ringer = new SimulatedRinger(loggers.CreateLogger<SimulatedRinger>());
        Display = new SimulatedDisplay(loggers.CreateLogger<SimulatedDisplay>());
    }

    /// <inheritdoc />
    public string Kind => "simulated";

    /// <inheritdoc cref="IBoard.Hook" />
    public SimulatedHookSwitch Hook { get; } = new();

    /// <inheritdoc cref="IBoard.Keypad" />
    public SimulatedKeypad Keypad { get; } = new();

    /// <inheritdoc cref="IBoard.Leds" />
    public SimulatedLeds Leds { get; }

    /// <inheritdoc cref="IBoard.Ringer" />
    public SimulatedRinger Ringer { get; }

    /// <inheritdoc cref="IBoard.Display" />
    public SimulatedDisplay Display { get; }

    /// <inheritdoc cref="IBoard.Audio" />
    public SimulatedAudioDevice Audio { get; }

    IHookSwitch IBoard.Hook => Hook;

    IKeypad IBoard.Keypad => Keypad;

    ILeds IBoard.Leds => Leds;

    IRinger IBoard.Ringer => Ringer;

    IDisplay IBoard.Display => Display;

    IAudioDevice IBoard.Audio => Audio;

    /// <summary>Carries out one parsed line command; returns what to tell the operator.</summary>
    public string Apply(BoardCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        switch (command.Kind)
        {
            case BoardCommandKind.Keys:
                Keypad.Press(command.Argument);
                return $"pressed {command.Argument}";
            case BoardCommandKind.HookOff:
                Hook.Set(true);
                return "handset lifted (off-hook)";
            case BoardCommandKind.HookOn:
                Hook.Set(false);
                return "handset replaced (on-hook)";
            default:
                return Describe();
        }
    }

    /// <summary>The board's state in a few lines.</summary>
    public string Describe()
    {
        var leds = string.Join(", ", Enum.GetValues<Led>().Select(led => $"{led} {Leds.Get(led)}"));
        return $"hook: {(Hook.IsOffHook ? "off-hook" : "on-hook")}; ringer: {(Ringer.IsRinging ? "ringing" : "silent")}; " +
               $"LEDs: {leds}; display: \"{Display.Get(0)}\" / \"{Display.Get(1)}\"";
    }

    /// <inheritdoc />
    public void Dispose() => Audio.Dispose();
}

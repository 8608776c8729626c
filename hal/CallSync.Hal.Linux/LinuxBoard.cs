using CallSync.Hal.Linux.Audio;
using CallSync.Hal.Linux.Display;
using CallSync.Hal.Linux.Gpio;
using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux;

/// <summary>
/// A desk phone on embedded Linux: ALSA for the handset's audio, the GPIO character device (uAPI v2) for the hook
/// switch, keys, LEDs and ringer, and a text device or an HD44780 character LCD on I2C for the display. Input edges are
/// read on one dedicated thread, so <see cref="IHookSwitch.Changed"/> and <see cref="IKeypad.KeyPressed"/> are raised there.
/// </summary>
public sealed class LinuxBoard : IBoard, IDisposable
{
    private readonly AlsaAudioDevice _audio;
    private readonly GpioChip? _chip;
    private readonly GpioLineRequest? _inputs;
    private readonly GpioLineRequest? _outputs;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread? _events;

    private LinuxBoard(AlsaAudioDevice audio, GpioChip? chip, GpioLineRequest? inputs, GpioLineRequest? outputs, Parts parts)
    {
        _audio = audio;
        _chip = chip;
        _inputs = inputs;
        _outputs = outputs;
        Hook = parts.Hook;
        Keypad = parts.Keypad;
        Leds = parts.Leds;
        Ringer = parts.Ringer;
        Display = parts.Display;
        if (inputs is not null)
        {
            var dispatcher = parts.Dispatcher;
            var logger = parts.Logger;
            _events = new Thread(() => PumpEvents(inputs, dispatcher, logger)) { IsBackground = true, Name = "callsync-gpio" };
            _events.Start();
        }
    }

    /// <inheritdoc />
    public string Kind => "linux";

    /// <inheritdoc cref="IBoard.Hook" />
    public GpioHookSwitch Hook { get; }

    /// <inheritdoc cref="IBoard.Keypad" />
    public GpioKeypad Keypad { get; }

    /// <inheritdoc cref="IBoard.Leds" />
    public GpioLeds Leds { get; }

    /// <inheritdoc cref="IBoard.Ringer" />
    public GpioRinger Ringer { get; }

    /// <inheritdoc cref="IBoard.Display" />
    public IDisplay Display { get; }

    /// <inheritdoc cref="IBoard.Audio" />
    public AlsaAudioDevice Audio => _audio;

    IHookSwitch IBoard.Hook => Hook;

    IKeypad IBoard.Keypad => Keypad;

    ILeds IBoard.Leds => Leds;

    IRinger IBoard.Ringer => Ringer;

    IAudioDevice IBoard.Audio => Audio;

    /// <summary>
    /// Opens the GPIO chip and requests the configured lines (inputs with both edges and debounce, outputs inactive),
    /// reads the hook's current state, opens the ALSA PCMs, and starts reading input events.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (the message names the property).</exception>
    /// <exception cref="GpioException">The chip or a line cannot be had (the message says what to check).</exception>
    /// <exception cref="AlsaException">A PCM cannot be opened or configured.</exception>
    /// <exception cref="DllNotFoundException">libasound.so.2 is not installed.</exception>
    /// <exception cref="IOException">The character LCD's I2C bus cannot be opened or nothing answers at its address.</exception>
    public static LinuxBoard Open(LinuxBoardOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var logger = loggers.CreateLogger<LinuxBoard>();
        GpioChip? chip = null;
        GpioLineRequest? inputs = null;
        GpioLineRequest? outputs = null;
        IDisplay? display = null;
        try
        {
            var inputLines = new List<GpioLine>();
            if (options.HookLine is { } hookLine)
            {
                inputLines.Add(hookLine);
            }

            inputLines.AddRange(options.KeyLines.Values);
            var outputLines = new List<GpioLine>();
            var ringerIndex = -1;
            if (options.RingerLine is { } ringerLine)
            {
                ringerIndex = outputLines.Count;
                outputLines.Add(ringerLine);
            }

            var ledIndexes = new Dictionary<Led, int>();
            foreach (var (led, line) in options.LedLines)
            {
                ledIndexes[led] = outputLines.Count;
                outputLines.Add(line);
            }

            if (options.UsesGpio)
            {
                chip = GpioChip.Open(options.GpioChip);
                if (inputLines.Count > 0)
                {
                    inputs = chip.Request(GpioRequestEncoder.Inputs([.. inputLines], options.Consumer, options.Debounce), [.. inputLines], "hook and keys");
                }

                if (outputLines.Count > 0)
                {
                    outputs = chip.Request(GpioRequestEncoder.Outputs([.. outputLines], options.Consumer), [.. outputLines], "LEDs and ringer");
                }

                LinuxBoardLog.Opened(logger, options.GpioChip, inputLines.Count, outputLines.Count);
            }
            else
            {
                LinuxBoardLog.NoLines(logger);
            }

            var hook = new GpioHookSwitch();
            var keypad = new GpioKeypad();
            var dispatcher = new GpioInputDispatcher(hook, keypad, options.HookLine, options.KeyLines, logger);
            if (inputs is not null)
            {
                ulong values = inputs.GetValues();
                for (int i = 0; i < inputLines.Count; i++)
                {
                    dispatcher.SetInitial((uint)inputLines[i].Offset, (values & (1UL << i)) != 0);
                }
            }

            IGpioOutputs outputPort = outputs is null ? NoOutputs.Instance : outputs;
            var parts = new Parts(
                hook,
                keypad,
                dispatcher,
                new GpioLeds(outputPort, ledIndexes, time, logger),
                new GpioRinger(outputPort, ringerIndex, options.RingOn, options.RingOff, time, logger),
                display = OpenDisplay(options, loggers),
                logger);
            var audio = AlsaAudioDevice.Open(options.Audio, loggers.CreateLogger<AlsaAudioDevice>(), time);
            return new LinuxBoard(audio, chip, inputs, outputs, parts);
        }
        catch
        {
            (display as IDisposable)?.Dispose();
            outputs?.Dispose();
            inputs?.Dispose();
            chip?.Dispose();
            throw;
        }
    }

    /// <summary>The board's state in one line, for a technician: hook, ringer, LEDs, display and the audio counters.</summary>
    public string Describe()
    {
        var leds = string.Join(", ", Enum.GetValues<Led>().Select(led => $"{led} {Leds.Get(led)}"));
        var display = string.Join(" / ", Enumerable.Range(0, Display.Lines).Select(line => $"\"{Display.Get(line)}\""));
        return $"hook: {(Hook.IsOffHook ? "off-hook" : "on-hook")}; ringer: {(Ringer.IsRinging ? "ringing" : "silent")}; " +
               $"LEDs: {leds}; display: {display}; audio: {_audio.FramesDelivered} frames, {_audio.CaptureOverruns} capture overruns, " +
               $"{_audio.PlaybackUnderruns} playback underruns, {_audio.PlaybackSamplesDropped} playback samples dropped";
    }

    /// <summary>Stops the input thread, silences the ringer, darkens the LEDs, releases the lines and closes the PCMs.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _events?.Join();
        Ringer.Dispose();
        Leds.Dispose();
        _outputs?.Dispose();
        _inputs?.Dispose();
        _chip?.Dispose();
        _audio.Dispose();
        (Display as IDisposable)?.Dispose();
        _stop.Dispose();
    }

    /// <exception cref="IOException">The LCD's I2C bus cannot be opened or nothing answers at its address.</exception>
    private static IDisplay OpenDisplay(LinuxBoardOptions options, ILoggerFactory loggers)
    {
        if (options.DisplayKind == DisplayKind.Text)
        {
            return new TextDisplay(options.DisplayPath, options.DisplayLines, options.DisplayColumns, loggers.CreateLogger<TextDisplay>());
        }

        var lcd = Hd44780I2cDisplay.Open(
            options.DisplayI2cBus, options.DisplayI2cAddress, options.DisplayLines, options.DisplayColumns, loggers.CreateLogger<Hd44780I2cDisplay>());
        LinuxBoardLog.LcdOpened(loggers.CreateLogger<LinuxBoard>(), lcd.Lines, lcd.Columns, options.DisplayI2cBus, options.DisplayI2cAddress);
        return lcd;
    }

    private void PumpEvents(GpioLineRequest inputs, GpioInputDispatcher dispatcher, ILogger logger)
    {
        try
        {
            using var stream = inputs.OpenEvents(_stop.Token);
            GpioEventPump.Run(stream, dispatcher, logger);
        }
        catch (GpioException ex)
        {
            LinuxBoardLog.EventsFailed(logger, ex.Message, ex);
        }
    }

    private sealed record Parts(
        GpioHookSwitch Hook, GpioKeypad Keypad, GpioInputDispatcher Dispatcher, GpioLeds Leds, GpioRinger Ringer, IDisplay Display, ILogger Logger);

    private sealed class NoOutputs : IGpioOutputs
    {
        public static readonly NoOutputs Instance = new();

        public void Set(int index, bool active)
        {
        }
    }
}

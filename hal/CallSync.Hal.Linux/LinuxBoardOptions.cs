using CallSync.Hal.Linux.Audio;
using CallSync.Hal.Linux.Display;
using CallSync.Hal.Linux.Gpio;

namespace CallSync.Hal.Linux;

/// <summary>
/// How a Linux board is wired: the ALSA PCMs of the handset, the GPIO chip, one input line per key and for the hook
/// switch, one output line per LED and for the ringer, and where the display text goes. Every line is optional: a
/// board with no lines configured never opens the GPIO chip (a PC with a USB handset).
/// </summary>
public sealed record LinuxBoardOptions
{
    /// <summary>The key names <see cref="KeyLines"/> may use, besides the characters themselves.</summary>
    public static readonly IReadOnlyDictionary<string, char> KeyNames = new Dictionary<string, char>(StringComparer.OrdinalIgnoreCase)
    {
        ["Star"] = '*',
        ["Hash"] = '#',
        ["Send"] = Keys.Send,
        ["Cancel"] = Keys.Cancel,
        ["Hold"] = Keys.Hold,
    };

    /// <summary>The handset's PCMs and sample rate.</summary>
    public AlsaAudioOptions Audio { get; init; } = new();

    /// <summary>The GPIO chip's character device.</summary>
    public string GpioChip { get; init; } = "/dev/gpiochip0";

    /// <summary>The hook switch's line: active means the handset is lifted.</summary>
    public GpioLine? HookLine { get; init; }

    /// <summary>One line per key ('0'-'9', '*', '#', and <see cref="Keys.Send"/>, <see cref="Keys.Cancel"/>, <see cref="Keys.Hold"/>): active means pressed.</summary>
    public IReadOnlyDictionary<char, GpioLine> KeyLines { get; init; } = new Dictionary<char, GpioLine>();

    /// <summary>One output line per LED: active means lit.</summary>
    public IReadOnlyDictionary<Led, GpioLine> LedLines { get; init; } = new Dictionary<Led, GpioLine>();

    /// <summary>The ringer's output line: active while a ring sounds.</summary>
    public GpioLine? RingerLine { get; init; }

    /// <summary>How long an input must be stable before the kernel reports its edge (0 turns debouncing off).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long each ring sounds.</summary>
    public TimeSpan RingOn { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The pause between rings.</summary>
    public TimeSpan RingOff { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>What drives the display: text to a path, or a character LCD on I2C.</summary>
    public DisplayKind DisplayKind { get; init; } = DisplayKind.Text;

    /// <summary>The LCD's I2C bus number (/dev/i2c-N).</summary>
    public int DisplayI2cBus { get; init; } = 1;

    /// <summary>The LCD backpack's 7-bit I2C address.</summary>
    public int DisplayI2cAddress { get; init; } = Hd44780I2cDisplay.DefaultAddress;

    /// <summary>Where the display text goes (see <see cref="Display.TextDisplay"/>), or null to only log it.</summary>
    public string? DisplayPath { get; init; }

    /// <summary>Lines on the display.</summary>
    public int DisplayLines { get; init; } = 2;

    /// <summary>Characters per display line.</summary>
    public int DisplayColumns { get; init; } = 24;

    /// <summary>The label the kernel shows as the lines' consumer (`gpioinfo`).</summary>
    public string Consumer { get; init; } = "callsync";

    /// <summary>True when any GPIO line is configured.</summary>
    public bool UsesGpio => HookLine is not null || RingerLine is not null || KeyLines.Count > 0 || LedLines.Count > 0;

    /// <summary>Null when the options are usable, else one line naming the property and what is wrong.</summary>
    public string? Validate()
    {
        if (Audio is null)
        {
            return "Audio: expected the ALSA options";
        }

        if (Audio.Validate() is { } audio)
        {
            return "Audio." + audio;
        }

        if (UsesGpio && (string.IsNullOrWhiteSpace(GpioChip) || !Path.IsPathFullyQualified(GpioChip)))
        {
            return $"GpioChip: \"{GpioChip}\" is not usable; expected the chip's absolute path such as /dev/gpiochip0";
        }

        var used = new Dictionary<int, string>();
        if (HookLine is { } hook && Claim(used, hook, "HookLine") is { } hookProblem)
        {
            return hookProblem;
        }

        foreach (var (key, line) in KeyLines)
        {
            if (!Keys.IsValid(key))
            {
                return $"KeyLines: '{key}' is not a key; expected 0-9, *, #, {Keys.Send}, {Keys.Cancel} or {Keys.Hold}";
            }

            if (Claim(used, line, $"KeyLines[{key}]") is { } problem)
            {
                return problem;
            }
        }

        foreach (var (led, line) in LedLines)
        {
            if (!Enum.IsDefined(led))
            {
                return $"LedLines: {led} is not an LED";
            }

            if (Claim(used, line, $"LedLines[{led}]", output: true) is { } problem)
            {
                return problem;
            }
        }

        if (RingerLine is { } ringer && Claim(used, ringer, "RingerLine", output: true) is { } ringerProblem)
        {
            return ringerProblem;
        }

        if (Debounce < TimeSpan.Zero || Debounce > TimeSpan.FromSeconds(1))
        {
            return $"Debounce: {Debounce.TotalMilliseconds} ms is out of range; expected 0 to 1000 ms";
        }

        if (RingOn <= TimeSpan.Zero || RingOff <= TimeSpan.Zero)
        {
            return "RingOn/RingOff: expected positive durations";
        }

        if (DisplayPath is not null && !Path.IsPathFullyQualified(DisplayPath))
        {
            return $"DisplayPath: \"{DisplayPath}\" is not an absolute path";
        }

        if (DisplayKind == DisplayKind.Hd44780I2c)
        {
            if (DisplayI2cBus is < 0 or > 255 || DisplayI2cAddress is < 0x03 or > 0x77)
            {
                return $"DisplayI2cBus/DisplayI2cAddress: bus {DisplayI2cBus}, address 0x{DisplayI2cAddress:x2} is out of range; expected a bus 0-255 and an address 0x03-0x77";
            }

            if (DisplayLines is < 1 or > 4 || DisplayColumns is < 8 or > 40)
            {
                return $"DisplayLines/DisplayColumns: {DisplayLines} x {DisplayColumns} is out of range for an HD44780 LCD; expected 1-4 lines of 8-40 characters (16x2, 20x4)";
            }
        }

        if (DisplayLines is < 1 or > 16 || DisplayColumns is < 8 or > 256)
        {
            return $"DisplayLines/DisplayColumns: {DisplayLines} x {DisplayColumns} is out of range; expected 1-16 lines of 8-256 characters";
        }

        return null;
    }

    private static string? Claim(Dictionary<int, string> used, GpioLine line, string name, bool output = false)
    {
        if (output && line.Bias != GpioBias.AsIs)
        {
            return $"{name}: a pull resistor ({line}) applies to input lines only";
        }

        if (line.Offset is < 0 or > GpioLine.MaxOffset)
        {
            return $"{name}: line {line.Offset} is out of range; expected 0 to {GpioLine.MaxOffset}";
        }

        if (used.TryGetValue(line.Offset, out var owner))
        {
            return $"{name}: line {line.Offset} is already used by {owner}";
        }

        used.Add(line.Offset, name);
        return null;
    }
}

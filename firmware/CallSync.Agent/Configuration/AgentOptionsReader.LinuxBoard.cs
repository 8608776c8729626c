using System.Globalization;
using CallSync.Hal;
using CallSync.Hal.Linux;
using CallSync.Hal.Linux.Audio;
using CallSync.Hal.Linux.Gpio;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>The Linux board's keys in the Board section: ALSA PCMs, GPIO chip and line map, ringer cadence, display.</summary>
public static partial class AgentOptionsReader
{
    private const string LineSyntax = "a GPIO line offset such as 17, or 17:active-low, 17:active-low:pull-up (options: active-low, pull-up, pull-down, bias-disabled)";

    private const string OutputLineSyntax = "a GPIO line offset such as 20, or 20:active-low (a pull resistor applies to inputs only)";

    // A property, not a field: KnownKeys (in the other part of this class) reads it while the type initialises, and
    // the order of field initialisers across partial files is not defined.
    private static string[] LinuxBoardKeys =>
    [
        "AlsaCapture", "AlsaPlayback", "AudioClock", "GpioChip", "HookLine", "KeyLines", "LedLines", "RingerLine", "Debounce", "RingOn", "RingOff",
        "Display", "DisplayLines", "DisplayColumns",
    ];

    // Validated key by key even for the simulated board, so a file is checked before it reaches a desk phone.
    private static LinuxBoardOptions ReadLinuxBoard(IConfigurationSection section, int sampleRate, string alsaDevice)
    {
        var used = new Dictionary<int, string>();
        var hook = Line(section, "HookLine", used);

        var keys = new Dictionary<char, GpioLine>();
        foreach (var child in section.GetSection("KeyLines").GetChildren())
        {
            if (!TryKeyName(child.Key, out var key))
            {
                throw new ConfigurationError(child.Path, child.Value ?? "", "a key named 0-9, Star, Hash, Send, Cancel or Hold");
            }

            keys[key] = Line(child, used) ?? throw new ConfigurationError(child.Path, null, LineSyntax);
        }

        var leds = new Dictionary<Led, GpioLine>();
        foreach (var child in section.GetSection("LedLines").GetChildren())
        {
            if (!Enum.TryParse<Led>(child.Key, ignoreCase: true, out var led) || !Enum.IsDefined(led) || int.TryParse(child.Key, out _))
            {
                throw new ConfigurationError(child.Path, child.Value ?? "", "an LED named Recording, MessageWaiting or Line");
            }

            leds[led] = Line(child, used, output: true) ?? throw new ConfigurationError(child.Path, null, OutputLineSyntax);
        }

        var ringer = Line(section.GetSection("RingerLine"), used, output: true);

        var chip = Optional(section, "GpioChip") ?? "/dev/gpiochip0";
        if (!Path.IsPathFullyQualified(chip))
        {
            throw Invalid(section, "GpioChip", chip, "the absolute path of a GPIO chip such as /dev/gpiochip0");
        }

        var display = Optional(section, "Display");
        if (display is not null && !Path.IsPathFullyQualified(display))
        {
            throw Invalid(section, "Display", display, "an absolute path: a terminal such as /dev/tty1, or a file");
        }

        var clockText = Optional(section, "AudioClock") ?? "device";
        var paceWithClock = clockText.ToLowerInvariant() switch
        {
            "device" => false,
            "system" => true,
            _ => throw Invalid(section, "AudioClock", clockText, "device (the sound card paces the audio) or system (for PCMs without a clock)"),
        };

        return new LinuxBoardOptions
        {
            Audio = new AlsaAudioOptions(Optional(section, "AlsaCapture") ?? alsaDevice, Optional(section, "AlsaPlayback") ?? alsaDevice, sampleRate,
                paceWithClock),
            GpioChip = chip,
            HookLine = hook,
            KeyLines = keys,
            LedLines = leds,
            RingerLine = ringer,
            Debounce = DurationValue(section, "Debounce", TimeSpan.FromMilliseconds(20), TimeSpan.Zero, TimeSpan.FromSeconds(1)),
            RingOn = DurationValue(section, "RingOn", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
            RingOff = DurationValue(section, "RingOff", TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
            DisplayPath = display,
            DisplayLines = Int(section, "DisplayLines", 2, 1, 16),
            DisplayColumns = Int(section, "DisplayColumns", 24, 8, 256),
        };
    }

    // "0"-"9", or a name for the keys a configuration key cannot spell portably (Star, Hash, Send, Cancel, Hold).
    private static bool TryKeyName(string name, out char key)
    {
        if (name is [>= '0' and <= '9'])
        {
            key = name[0];
            return true;
        }

        return LinuxBoardOptions.KeyNames.TryGetValue(name, out key);
    }

    private static GpioLine? Line(IConfigurationSection section, string key, Dictionary<int, string> used) =>
        Line(section.GetSection(key), used);

    private static GpioLine? Line(IConfigurationSection entry, Dictionary<int, string> used, bool output = false)
    {
        var text = string.IsNullOrWhiteSpace(entry.Value) ? null : entry.Value.Trim();
        if (text is null)
        {
            return null;
        }

        if (!GpioLine.TryParse(text, out var line) || output && line.Bias != GpioBias.AsIs)
        {
            throw new ConfigurationError(entry.Path, text, output ? OutputLineSyntax : LineSyntax);
        }

        if (used.TryGetValue(line.Offset, out var owner))
        {
            throw new ConfigurationError(entry.Path, text,
                $"a line no other key uses ({owner} already uses line {line.Offset.ToString(CultureInfo.InvariantCulture)})");
        }

        used.Add(line.Offset, entry.Path);
        return line;
    }
}

using System.Globalization;
using CallSync.Configuration;
using CallSync.Hal;
using CallSync.Hal.Linux;
using CallSync.Hal.Linux.Display;
using CallSync.Hal.Linux.Gpio;

namespace CallSync.Agent.Configuration;

/// <summary>
/// The Board section: declared keys and how they become <see cref="BoardOptions"/>. The Linux board's keys are
/// validated key by key even for the simulated board, so a file is checked before it reaches a desk phone.
/// </summary>
internal static class BoardKeys
{
    public static readonly ConfigSection Section = new("Board",
        "The hardware. `simulated` needs none (tones or WAV files as the microphone, WAV as the speaker, keys and hook from " +
        "standard input or the control socket); `linux` drives GPIO lines and ALSA PCMs ([hal-linux.md](hal-linux.md)). A GPIO " +
        "line may be used by only one key. A board that cannot be opened as configured (no such GPIO chip, a line held by " +
        "another program, an unknown ALSA PCM) exits with code 2 and a line saying what to check.");

    public static readonly ConfigKey<BoardKind> Kind = Section.Add("Kind",
        ConfigValues.OneOf("simulated or linux", ("simulated", BoardKind.Simulated), ("linux", BoardKind.Linux)), BoardKind.Simulated,
        "which hardware the agent drives");

    public static readonly ConfigKey<int> SampleRate = Section.Add("SampleRate",
        ConfigValues.Number(8000, 16000).Where(static rate => rate is 8000 or 16000, "8000 or 16000"), 8000,
        "the handset's audio rate; frames are 20 ms of 16-bit mono PCM");

    public static readonly ConfigKey<string> Microphone = Section.Add("Microphone",
        ConfigValues.Text("tone:HZ (20 to half the sample rate), wav:PATH or silence", IsMicrophone, maxLength: 4096), "tone:400",
        "simulated: what the microphone plays: a tone, a WAV file (16-bit mono PCM at the sample rate, looped) or silence");

    public static readonly ConfigKey<string?> Speaker = Section.Optional("Speaker", ConfigValues.Text("a file path", maxLength: 4096),
        "simulated: a WAV file the speaker writes what it plays to");

    public static readonly ConfigKey<bool> ControlInput = Section.Add("ControlInput", ConfigValues.Bool(), true,
        "simulated: read control commands typed on standard input (`key 1002S`, `hook off`, `dial 1002`, `status`, `help`)");

    public static readonly ConfigKey<string> AlsaDevice = Section.Add("AlsaDevice", Pcm, "default",
        "linux: the ALSA PCM of the handset, for capture and playback unless the next two say otherwise");

    public static readonly ConfigKey<string?> AlsaCapture = Section.Optional("AlsaCapture", Pcm,
        "linux: the microphone's PCM (`default`, `plughw:1,0`, a name from `/etc/asound.conf`)", defaultText: "`Board:AlsaDevice`");

    public static readonly ConfigKey<string?> AlsaPlayback = Section.Optional("AlsaPlayback", Pcm,
        "linux: the speaker's PCM", defaultText: "`Board:AlsaDevice`");

    public static readonly ConfigKey<bool> AudioClock = Section.Add("AudioClock",
        ConfigValues.OneOf("device (the sound card paces the audio) or system (for PCMs without a clock)", ("device", false), ("system", true)), false,
        "linux: what paces the 20 ms frames: the sound card's capture clock, or the system clock for PCMs without a clock of their own " +
        "(alsa-lib's `file`/`null` plugins on a machine without a sound card). Never `system` on a real card: two clocks drift apart");

    public static readonly ConfigKey<string> GpioChip = Section.Add("GpioChip",
        ConfigValues.AbsolutePath("the absolute path of a GPIO chip such as /dev/gpiochip0"), "/dev/gpiochip0",
        "linux: the GPIO chip's character device (uAPI v2, Linux 5.10+); opened only when a line below is set");

    public static readonly ConfigKey<GpioLine?> HookLine = Section.OptionalValue("HookLine", InputLine,
        "linux: the hook switch's line; `active-low` when low means off-hook");

    public static readonly ConfigMapKey<char, GpioLine> KeyLines = Section.Map("KeyLines", "<key>",
        ConfigValues.OneOf<char>("a key named 0-9, Star, Hash, Send, Cancel or Hold",
            [.. "0123456789".Select(d => (d.ToString(), d)), .. LinuxBoardOptions.KeyNames.Select(k => (k.Key, k.Value))]),
        InputLine,
        "linux: one input line per key; active means pressed (`\"KeyLines\": { \"1\": \"4\", \"Star\": \"14:active-low\" }`, `CALLSYNC_Board__KeyLines__1=4`)");

    public static readonly ConfigMapKey<Led, GpioLine> LedLines = Section.Map("LedLines", "<led>",
        ConfigValues.OneOf("an LED named Recording, MessageWaiting or Line", [.. Enum.GetValues<Led>().Select(led => (led.ToString(), led))]),
        OutputLine,
        "linux: one output line per LED; active means lit");

    public static readonly ConfigKey<GpioLine?> RingerLine = Section.OptionalValue("RingerLine", OutputLine,
        "linux: the ringer's output line (a buzzer or the ringer circuit's enable); active while a ring sounds");

    public static readonly ConfigKey<TimeSpan> Debounce = Section.Add("Debounce", ConfigValues.Duration(TimeSpan.Zero, TimeSpan.FromSeconds(1)),
        TimeSpan.FromMilliseconds(20), "linux: how long an input must be stable before its edge counts (done by the kernel)");

    public static readonly ConfigKey<TimeSpan> RingOn = Section.Add("RingOn", RingPart, TimeSpan.FromSeconds(2), "linux: how long each ring sounds");

    public static readonly ConfigKey<TimeSpan> RingOff = Section.Add("RingOff", RingPart, TimeSpan.FromSeconds(4), "linux: the pause between rings");

    public static readonly ConfigKey<string?> Display = Section.Optional("Display",
        ConfigValues.Text($"{Hd44780I2c} or an absolute path (a terminal such as /dev/tty1, or a file)",
            static value => value == Hd44780I2c || Path.IsPathFullyQualified(value), maxLength: 4096),
        "linux: what shows the display text: `hd44780-i2c` is an HD44780 character LCD (16x2, 20x4) behind a PCF8574 I2C backpack " +
        "(`DisplayI2cBus`, `DisplayI2cAddress`, `DisplayLines` rows, `DisplayColumns`); a path under `/dev/` is a terminal " +
        "(`/dev/tty1`, a serial LCD), rewritten with ANSI home + clear; any other path is a file holding the current lines; none: logged only");

    public static readonly ConfigKey<int> DisplayLines = Section.Add("DisplayLines", ConfigValues.Number(1, 16), 2,
        "linux: the display's lines; more text is cut (an LCD: 1 to 4)");

    public static readonly ConfigKey<int> DisplayColumns = Section.Add("DisplayColumns", ConfigValues.Number(8, 256), 24,
        "linux: the display's columns; longer lines are cut (an LCD: 8 to 40; an LCD line is cut at a word boundary where it can be)");

    public static readonly ConfigKey<int> DisplayI2cBus = Section.Add("DisplayI2cBus", ConfigValues.Number(0, 255), 1,
        "linux, `hd44780-i2c`: the I2C bus (`/dev/i2c-N`; 1 on a Raspberry Pi's header)");

    public static readonly ConfigKey<int> DisplayI2cAddress = Section.Add("DisplayI2cAddress", I2cAddress, Hd44780I2cDisplay.DefaultAddress,
        "linux, `hd44780-i2c`: the backpack's 7-bit address (`0x27` for a PCF8574T, `0x3F` for a PCF8574AT; `i2cdetect -y 1` lists them)");

    private const string Hd44780I2c = "hd44780-i2c";

    private static ConfigValue<int> I2cAddress => new(
        static (string text, out int address) =>
            (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address)
                : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out address))
            && address is >= 0x03 and <= 0x77,
        "a 7-bit I2C address from 0x03 to 0x77 (hex with 0x, or decimal)",
        static address => "0x" + address.ToString("x2", CultureInfo.InvariantCulture));

    private static ConfigValue<string> Pcm => ConfigValues.Text("an ALSA PCM name such as default or plughw:1,0");

    private static ConfigValue<TimeSpan> RingPart => ConfigValues.Duration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));

    private static ConfigValue<GpioLine> InputLine => new(
        static (string text, out GpioLine line) => GpioLine.TryParse(text, out line),
        "a GPIO line offset such as 17, or 17:active-low, 17:active-low:pull-up (options: active-low, pull-up, pull-down, bias-disabled)",
        Format);

    private static ConfigValue<GpioLine> OutputLine => new(
        static (string text, out GpioLine line) => GpioLine.TryParse(text, out line) && line.Bias == GpioBias.AsIs,
        "a GPIO line offset such as 20, or 20:active-low (a pull resistor applies to inputs only)",
        Format);

    public static BoardOptions Read(ConfigReader reader)
    {
        var rate = reader.Get(SampleRate);
        var alsaDevice = reader.Get(AlsaDevice);
        return new BoardOptions
        {
            Kind = reader.Get(Kind),
            SampleRate = rate,
            Microphone = reader.Get(Microphone),
            Speaker = reader.Get(Speaker),
            ControlInput = reader.Get(ControlInput),
            AlsaDevice = alsaDevice,
            Linux = ReadLinux(reader, rate, alsaDevice),
        };
    }

    private static LinuxBoardOptions ReadLinux(ConfigReader reader, int rate, string alsaDevice)
    {
        var lines = new LineOwners(reader);
        var hook = lines.Claim(HookLine, HookLine.Path, reader.Get(HookLine));
        var keys = new Dictionary<char, GpioLine>();
        foreach (var (path, key, line) in reader.Get(KeyLines))
        {
            if (lines.Claim(KeyLines, path, line) is { } claimed)
            {
                keys[key] = claimed;
            }
        }

        var leds = new Dictionary<Led, GpioLine>();
        foreach (var (path, led, line) in reader.Get(LedLines))
        {
            if (lines.Claim(LedLines, path, line) is { } claimed)
            {
                leds[led] = claimed;
            }
        }

        var ringer = lines.Claim(RingerLine, RingerLine.Path, reader.Get(RingerLine));
        var display = reader.Get(Display);
        return new LinuxBoardOptions
        {
            Audio = new(reader.Get(AlsaCapture) ?? alsaDevice, reader.Get(AlsaPlayback) ?? alsaDevice, rate, reader.Get(AudioClock)),
            GpioChip = reader.Get(GpioChip),
            HookLine = hook,
            KeyLines = keys,
            LedLines = leds,
            RingerLine = ringer,
            Debounce = reader.Get(Debounce),
            RingOn = reader.Get(RingOn),
            RingOff = reader.Get(RingOff),
            DisplayKind = display == Hd44780I2c ? DisplayKind.Hd44780I2c : DisplayKind.Text,
            DisplayPath = display == Hd44780I2c ? null : display,
            DisplayLines = reader.Get(DisplayLines),
            DisplayColumns = reader.Get(DisplayColumns),
            DisplayI2cBus = reader.Get(DisplayI2cBus),
            DisplayI2cAddress = reader.Get(DisplayI2cAddress),
        };
    }

    private static bool IsMicrophone(string value) =>
        value == "silence" ||
        value.StartsWith("wav:", StringComparison.Ordinal) && value.Length > 4 ||
        value.StartsWith("tone:", StringComparison.Ordinal) &&
        double.TryParse(value.AsSpan(5), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hz) && hz is >= 20 and < 4000;

    private static string Format(GpioLine line) =>
        line.Offset.ToString(CultureInfo.InvariantCulture) + (line.ActiveLow ? ":active-low" : "");

    // Each GPIO line offset belongs to one key; a second claim is a problem naming the first owner.
    private sealed class LineOwners(ConfigReader reader)
    {
        private readonly Dictionary<int, string> _owners = [];

        public GpioLine? Claim(ConfigKey key, string path, GpioLine? line)
        {
            if (line is not { } claimed)
            {
                return null;
            }

            if (_owners.TryGetValue(claimed.Offset, out var owner))
            {
                reader.Fail(key, path,
                    $"a line no other key uses ({owner} already uses line {claimed.Offset.ToString(CultureInfo.InvariantCulture)})");
                return null;
            }

            _owners.Add(claimed.Offset, path);
            return claimed;
        }
    }
}

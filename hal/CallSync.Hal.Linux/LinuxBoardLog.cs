using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux;

/// <summary>The GPIO drivers' and the Linux board's log messages (event ids 8200-8299).</summary>
internal static partial class LinuxBoardLog
{
    [LoggerMessage(8200, LogLevel.Information, "GPIO {Chip}: {Inputs} input lines, {Outputs} output lines requested")]
    public static partial void Opened(ILogger logger, string chip, int inputs, int outputs);

    [LoggerMessage(8201, LogLevel.Information, "Hook switch: {State}")]
    public static partial void HookChanged(ILogger logger, string state);

    [LoggerMessage(8202, LogLevel.Warning, "GPIO line event record is malformed; skipped")]
    public static partial void EventMalformed(ILogger logger);

    [LoggerMessage(8203, LogLevel.Error, "A hook or key subscriber failed; the event was dropped")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(8204, LogLevel.Error, "GPIO input events stopped: {Reason}")]
    public static partial void EventsFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(8205, LogLevel.Error, "GPIO output {What} could not be set: {Reason}")]
    public static partial void OutputFailed(ILogger logger, string what, string reason);

    [LoggerMessage(8206, LogLevel.Information, "LED {Led} is {State}")]
    public static partial void LedChanged(ILogger logger, Led led, LedState state);

    [LoggerMessage(8207, LogLevel.Information, "Ringer: ringing")]
    public static partial void Ringing(ILogger logger);

    [LoggerMessage(8208, LogLevel.Information, "Ringer: silent")]
    public static partial void RingingStopped(ILogger logger);

    [LoggerMessage(8209, LogLevel.Debug, "Display line {Line}: \"{Text}\"")]
    public static partial void DisplayChanged(ILogger logger, int line, string text);

    [LoggerMessage(8210, LogLevel.Warning, "Display {Path} could not be written: {Reason}")]
    public static partial void DisplayFailed(ILogger logger, string path, string reason);

    [LoggerMessage(8211, LogLevel.Information, "GPIO: no lines configured; hook, keys, LEDs and ringer are inert")]
    public static partial void NoLines(ILogger logger);

    [LoggerMessage(8212, LogLevel.Information, "Display: HD44780 LCD, {Rows}x{Columns}, on I2C bus {Bus} at 0x{Address:x2}")]
    public static partial void LcdOpened(ILogger logger, int rows, int columns, int bus, int address);

    [LoggerMessage(8213, LogLevel.Warning, "Display: the LCD could not be written: {Reason}")]
    public static partial void LcdFailed(ILogger logger, string reason);
}

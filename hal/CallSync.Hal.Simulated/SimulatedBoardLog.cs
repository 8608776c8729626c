using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Simulated;

/// <summary>The simulated board's log messages (event ids 8000-8099).</summary>
internal static partial class SimulatedBoardLog
{
    [LoggerMessage(8000, LogLevel.Information, "LED {Led} is {State}")]
    public static partial void LedChanged(ILogger logger, Led led, LedState state);

    [LoggerMessage(8001, LogLevel.Information, "Ringer: ringing")]
    public static partial void Ringing(ILogger logger);

    [LoggerMessage(8002, LogLevel.Information, "Ringer: silent")]
    public static partial void RingingStopped(ILogger logger);

    [LoggerMessage(8003, LogLevel.Information, "Display line {Line}: \"{Text}\"")]
    public static partial void DisplayChanged(ILogger logger, int line, string text);

    [LoggerMessage(8004, LogLevel.Warning, "Board control: {Reason}")]
    public static partial void ControlRejected(ILogger logger, string reason);

    [LoggerMessage(8005, LogLevel.Error, "Audio frame handler failed; the frame was dropped")]
    public static partial void FrameHandlerFailed(ILogger logger, Exception exception);
}

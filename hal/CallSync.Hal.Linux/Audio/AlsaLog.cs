using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Audio;

/// <summary>The ALSA audio device's log messages (event ids 8100-8199).</summary>
internal static partial class AlsaLog
{
    [LoggerMessage(8100, LogLevel.Information,
        "ALSA audio open: capture \"{Capture}\" and playback \"{Playback}\" at {SampleRate} Hz; buffer {BufferFrames} / period {PeriodFrames} frames")]
    public static partial void Opened(ILogger logger, string capture, string playback, int sampleRate, int bufferFrames, int periodFrames);

    [LoggerMessage(8101, LogLevel.Information, "ALSA audio started")]
    public static partial void Started(ILogger logger);

    [LoggerMessage(8102, LogLevel.Information,
        "ALSA audio stopped after {Frames} frames: {Overruns} capture overruns, {Underruns} playback underruns, {Dropped} playback samples dropped")]
    public static partial void Stopped(ILogger logger, long frames, long overruns, long underruns, long dropped);

    [LoggerMessage(8103, LogLevel.Warning, "ALSA capture overrun #{Count} on \"{Device}\" (the audio thread fell behind); recovered")]
    public static partial void CaptureOverrun(ILogger logger, long count, string device);

    [LoggerMessage(8104, LogLevel.Warning, "ALSA playback underrun #{Count} on \"{Device}\" (nothing to play in time); recovered")]
    public static partial void PlaybackUnderrun(ILogger logger, long count, string device);

    [LoggerMessage(8105, LogLevel.Warning, "ALSA playback buffer on \"{Device}\" is full; frames are dropped until it drains (its clock runs slower than capture)")]
    public static partial void PlaybackFull(ILogger logger, string device);

    [LoggerMessage(8106, LogLevel.Error, "ALSA {Direction} on \"{Device}\" failed and could not be recovered: {Reason} ({Code})")]
    public static partial void StreamFailed(ILogger logger, string direction, string device, string reason, int code);

    [LoggerMessage(8107, LogLevel.Warning, "ALSA capture on \"{Device}\" delivered nothing for {Stall}; still waiting")]
    public static partial void CaptureStalled(ILogger logger, string device, TimeSpan stall);

    [LoggerMessage(8108, LogLevel.Error, "Audio frame handler failed; the frame was dropped")]
    public static partial void FrameHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(8109, LogLevel.Information, "ALSA stream on \"{Device}\" was suspended; resumed")]
    public static partial void Resumed(ILogger logger, string device);
}

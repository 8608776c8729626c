using Microsoft.Extensions.Logging;

namespace CallSync.Recording;

/// <summary>Log messages of the recorder (event ids 3000-3999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Recording {RecordId} started at {SampleRate} Hz to {Path}")]
    public static partial void Started(ILogger logger, string recordId, int sampleRate, string path);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Recording {RecordId} finished: {DurationMs} ms, {Bytes} bytes, cut short {CutShort}")]
    public static partial void Finished(ILogger logger, string recordId, long durationMs, long bytes, bool cutShort);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Recording {RecordId} encoder failed; recording cut short")]
    public static partial void EncoderFailed(ILogger logger, string recordId, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Recording {RecordId} dropped a frame: encoder queue full")]
    public static partial void FrameDropped(ILogger logger, string recordId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Recording {RecordId} could not be synced to disk: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string recordId, string reason);
}

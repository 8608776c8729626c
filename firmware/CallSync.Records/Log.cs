using CallSync.Contracts;
using Microsoft.Extensions.Logging;

namespace CallSync.Records;

/// <summary>Every log message of CallSync.Records (event ids 4000-4999, stable).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Call {RecordId} split: result {Result}, recording {HasRecording}")]
    public static partial void CallSplit(ILogger logger, Guid recordId, CallResult result, bool hasRecording);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Call {RecordId} NOT queued: the record outbox is full; the record is refused and must be retried")]
    public static partial void SplitRefusedFull(ILogger logger, Guid recordId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Call {RecordId} was already split; ignored")]
    public static partial void SplitDuplicate(ILogger logger, Guid recordId);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Record outbox is {Count}/{Capacity}: at or above the alert level; the broker may be unreachable")]
    public static partial void OutboxNearlyFull(ILogger logger, int count, int capacity);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Record outbox back below the alert level ({Count}/{Capacity})")]
    public static partial void OutboxBelowAlert(ILogger logger, int count, int capacity);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Error, Message = "Record outbox full ({Count}/{Capacity}): record {RecordId} refused")]
    public static partial void OutboxFull(ILogger logger, Guid recordId, int count, int capacity);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Publishing record {RecordId} failed; retry {Attempt} in {Delay}")]
    public static partial void PublishRetry(ILogger logger, Guid recordId, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Error, Message = "Transport threw while publishing record {RecordId}")]
    public static partial void PublishThrew(ILogger logger, Exception exception, Guid recordId);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information, Message = "Recording {RecordId} confirmed by the companion")]
    public static partial void RecordingDelivered(ILogger logger, Guid recordId);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Error, Message = "Recording {RecordId} ({Bytes} bytes) EVICTED before the companion confirmed it: recordings exceed the quota of {QuotaBytes} bytes")]
    public static partial void RecordingEvicted(ILogger logger, Guid recordId, long bytes, long quotaBytes);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Information, Message = "Retention removed {Expired} expired and {QuotaDelivered} delivered recordings, evicted {Evicted} undelivered; {BytesAfter} bytes remain")]
    public static partial void RetentionApplied(ILogger logger, int expired, int quotaDelivered, int evicted, long bytesAfter);

    [LoggerMessage(EventId = 4033, Level = LogLevel.Warning, Message = "Recording {RecordId} could not be deleted; will retry on the next pass")]
    public static partial void RecordingDeleteFailed(ILogger logger, Exception exception, Guid recordId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Call {RecordId} NOT queued yet: the disk refused the outbox write ({Reason}); it is kept and retried")]
    public static partial void SplitRefusedDisk(ILogger logger, Guid recordId, string reason);
}

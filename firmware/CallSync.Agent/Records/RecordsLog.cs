using CallSync.Contracts;
using CallSync.Records;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>The agent's record wiring log messages (event ids 400-499).</summary>
internal static partial class RecordsLog
{
    [LoggerMessage(400, LogLevel.Information, "Record {RecordId} split ({Outcome}): {Result}, recording {Bytes} bytes")]
    public static partial void Split(ILogger logger, Guid recordId, SplitOutcome outcome, CallResult result, long bytes);

    [LoggerMessage(402, LogLevel.Information, "Boot number {Boot}")]
    public static partial void Boot(ILogger logger, long boot);

    [LoggerMessage(403, LogLevel.Warning, "Call history file {Path} could not be written")]
    public static partial void HistoryFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(404, LogLevel.Information, "Retention: {Summary}")]
    public static partial void Retention(ILogger logger, string summary);

    [LoggerMessage(405, LogLevel.Warning, "Recording {RecordId} was cut short by the last stop and has been sealed")]
    public static partial void SealedCutShort(ILogger logger, string recordId);

    [LoggerMessage(406, LogLevel.Warning, "Call journal {Path} could not be written; the next change rewrites it whole")]
    public static partial void JournalFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(407, LogLevel.Warning, "Record {RecordId} written for a call the last run left unfinished (recording {Bytes} bytes, cut short)")]
    public static partial void Recovered(ILogger logger, Guid recordId, long bytes);

    [LoggerMessage(408, LogLevel.Error, "The outbox is full: record {RecordId} is kept in the call journal and committed as soon as the outbox has room")]
    public static partial void Parked(ILogger logger, Guid recordId);

    [LoggerMessage(409, LogLevel.Information, "Parked record {RecordId} committed to the outbox")]
    public static partial void Unparked(ILogger logger, Guid recordId);

    [LoggerMessage(410, LogLevel.Warning, "Call journal {Path}: skipped a line that does not parse ({Reason})")]
    public static partial void JournalLineSkipped(ILogger logger, string path, string reason);
}

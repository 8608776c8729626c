using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Storage;

/// <summary>Log messages of the data directory's free-space watch (event ids 600-619).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(600, LogLevel.Warning, "Disk full: {Free} bytes free in {DataDir}, below the floor of {Floor}: calls go on, new calls are not recorded, the reserve of {Reserve} bytes is released for records")]
    public static partial void Entered(ILogger logger, long free, string dataDir, long floor, long reserve);

    [LoggerMessage(601, LogLevel.Information, "Disk has room again: {Free} bytes free in {DataDir}: recording resumes with the next call")]
    public static partial void Left(ILogger logger, long free, string dataDir);

    [LoggerMessage(602, LogLevel.Warning, "Free space of {DataDir} cannot be read: the disk is taken to have room")]
    public static partial void Unreadable(ILogger logger, string dataDir);

    [LoggerMessage(603, LogLevel.Information, "Call {CallId} is not recorded: the disk is full")]
    public static partial void RecordingSkipped(ILogger logger, string callId);
}

using Microsoft.Extensions.Logging;

namespace CallSync.Hub;

/// <summary>The log messages of the web app's routes: live events, recordings on the hub, the static app (7140-7169).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7140, Level = LogLevel.Warning, Message = "Appending a {Kind} event to the event log failed; live updates miss it")]
    public static partial void EventAppendFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 7141, Level = LogLevel.Warning, Message = "Reading the event log failed; retrying")]
    public static partial void EventFanoutFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7150, Level = LogLevel.Information, Message = "Recording audit: user {UserId} {Action} on device {DeviceId}: {Outcome}")]
    public static partial void RecordingAudited(ILogger logger, string userId, string action, string deviceId, string outcome);

    [LoggerMessage(EventId = 7151, Level = LogLevel.Information, Message = "Upload of recording {RecordId} interrupted at byte {Offset}; it resumes there")]
    public static partial void UploadInterrupted(ILogger logger, string recordId, long offset);

    [LoggerMessage(EventId = 7152, Level = LogLevel.Information, Message = "Retention deleted {Count} recording file(s)")]
    public static partial void RecordingsExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 7153, Level = LogLevel.Warning, Message = "Recording retention failed; retrying in an hour")]
    public static partial void RecordingRetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7160, Level = LogLevel.Information, Message = "Web app served at / from {Root}")]
    public static partial void WebAppServed(ILogger logger, string root);

    [LoggerMessage(EventId = 7161, Level = LogLevel.Information, Message = "No web app at {Root} (no index.html): serving the API only (set Web:Root)")]
    public static partial void WebAppMissing(ILogger logger, string root);
}

using CallSync.Companion.Messages;
using Microsoft.Extensions.Logging;

namespace CallSync.Companion.Server;

/// <summary>Log messages of the companion server (event ids 6000-6099).</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "Companion server listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, string endpoint);

    [LoggerMessage(6001, LogLevel.Information, "Companion server on {Endpoint} stopped")]
    public static partial void Stopped(ILogger logger, string endpoint);

    [LoggerMessage(6002, LogLevel.Error, "Accepting a companion connection on {Endpoint} failed")]
    public static partial void AcceptFailed(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(6003, LogLevel.Debug, "Companion connection {Connection} accepted on {Endpoint}")]
    public static partial void Accepted(ILogger logger, long connection, string endpoint);

    [LoggerMessage(6004, LogLevel.Information, "Companion connection {Connection} ({CompanionId}) closed")]
    public static partial void Closed(ILogger logger, long connection, string companionId);

    [LoggerMessage(6007, LogLevel.Debug, "Companion connection {Connection} from {Source} closed before authentication")]
    public static partial void ClosedUnauthenticated(ILogger logger, long connection, string source);

    [LoggerMessage(6008, LogLevel.Warning, "Companion connection {Connection} from {Source} closed unauthenticated to make room for connection {New} ({Count} such closings since the last line)")]
    public static partial void Evicted(ILogger logger, long connection, string source, long @new, long count);

    [LoggerMessage(6009, LogLevel.Warning, "Companion connection {Connection} from {Source} refused before authentication, {Code}: {Reason} ({Count} such refusals since the last line)")]
    public static partial void RefusedUnauthenticated(ILogger logger, long connection, string source, ErrorCode code, string reason, long count);

    [LoggerMessage(6014, LogLevel.Information, "Companion connection {Connection} from {Source} lost before authentication: {Reason} ({Count} such losses since the last line)")]
    public static partial void LostUnauthenticated(ILogger logger, long connection, string source, string reason, long count);

    [LoggerMessage(6006, LogLevel.Information, "Companion connection {Old} replaced by connection {New} of companion {CompanionId}")]
    public static partial void Superseded(ILogger logger, long old, long @new, string companionId);

    [LoggerMessage(6010, LogLevel.Warning, "Companion connection {Connection} ({CompanionId}) refused, {Code}: {Reason}")]
    public static partial void Refused(ILogger logger, long connection, string companionId, ErrorCode code, string reason);

    [LoggerMessage(6011, LogLevel.Warning, "Companion connection {Connection} ({CompanionId}) closed by the companion, {Code}: {Reason}")]
    public static partial void PeerError(ILogger logger, long connection, string companionId, ErrorCode code, string reason);

    [LoggerMessage(6012, LogLevel.Information, "Companion connection {Connection} ({CompanionId}) lost: {Reason}")]
    public static partial void Lost(ILogger logger, long connection, string companionId, string reason);

    [LoggerMessage(6013, LogLevel.Error, "Companion connection {Connection} ({CompanionId}) failed")]
    public static partial void SessionFailed(ILogger logger, long connection, string companionId, Exception exception);

    [LoggerMessage(6020, LogLevel.Information, "Companion connection {Connection}: pairing requested by app user {AppUserId} ({CompanionName})")]
    public static partial void PairingStarted(ILogger logger, long connection, string appUserId, string companionName);

    [LoggerMessage(6021, LogLevel.Information, "Companion {CompanionId} paired for app user {AppUserId}")]
    public static partial void Paired(ILogger logger, string companionId, string appUserId);

    [LoggerMessage(6022, LogLevel.Warning, "Companion connection {Connection}: pairing for app user {AppUserId} refused: {Reason}")]
    public static partial void PairingRefused(ILogger logger, long connection, string appUserId, string reason);

    [LoggerMessage(6023, LogLevel.Debug, "Companion connection {Connection}: the app user {Decision} the pairing code")]
    public static partial void CompanionDecided(ILogger logger, long connection, string decision);

    [LoggerMessage(6030, LogLevel.Information, "Companion connection {Connection}: companion {CompanionId} authenticated")]
    public static partial void Authenticated(ILogger logger, long connection, string companionId);

    [LoggerMessage(6040, LogLevel.Information, "Recording {RecordId} ({Size} bytes) sent to companion {CompanionId} from offset {Offset}")]
    public static partial void RecordingResumed(ILogger logger, string recordId, long size, string companionId, long offset);

    [LoggerMessage(6041, LogLevel.Information, "Recording {RecordId} delivered to companion {CompanionId}: {Bytes} bytes sent in this session in {Elapsed}")]
    public static partial void RecordingDelivered(ILogger logger, string recordId, string companionId, long bytes, TimeSpan elapsed);

    [LoggerMessage(6042, LogLevel.Warning, "Recording {RecordId} not verified by companion {CompanionId} ({Status}); it stays pending")]
    public static partial void RecordingNotVerified(ILogger logger, string recordId, string companionId, RecordingDoneStatus status);

    [LoggerMessage(6043, LogLevel.Error, "Recording {RecordId} cannot be read from {Path}: {Reason}")]
    public static partial void RecordingUnreadable(ILogger logger, string recordId, string path, string reason);

    [LoggerMessage(6050, LogLevel.Information, "Companion {CompanionId} asked to dial (request {RequestId})")]
    public static partial void DialRequested(ILogger logger, string companionId, uint requestId);

    [LoggerMessage(6051, LogLevel.Information, "Dial request {RequestId} of companion {CompanionId}: {Status} {Reason}")]
    public static partial void DialAnswered(ILogger logger, uint requestId, string companionId, CompanionDialStatus status, string reason);

    [LoggerMessage(6052, LogLevel.Error, "Dial request {RequestId} of companion {CompanionId} failed in the dialer")]
    public static partial void DialFailed(ILogger logger, uint requestId, string companionId, Exception exception);

    [LoggerMessage(6060, LogLevel.Information, "Companion {CompanionId} unpaired by the {Side}")]
    public static partial void Unpaired(ILogger logger, string companionId, string side);

    [LoggerMessage(6070, LogLevel.Trace, "Companion {CompanionId} pinged (token {Token})")]
    public static partial void Pinged(ILogger logger, string companionId, ulong token);
}

using Microsoft.Extensions.Logging;

namespace CallSync.Sip;

/// <summary>Source-generated log messages of the SIP stack (event ids 1000-1999).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Response {StatusCode} for {Method} from {Source} matches no transaction")]
    public static partial void StrayResponse(ILogger logger, int statusCode, string method, string source);

    [LoggerMessage(1100, LogLevel.Information, "SIP {Transport} listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, string transport, string endPoint);

    [LoggerMessage(1101, LogLevel.Warning, "Dropped malformed message from {Source}: {Reason}")]
    public static partial void DroppedMalformed(ILogger logger, string source, string reason);

    [LoggerMessage(1102, LogLevel.Information, "Answered malformed request from {Source} with {StatusCode}: {Reason}")]
    public static partial void RejectedMalformed(ILogger logger, string source, int statusCode, string reason);

    [LoggerMessage(1103, LogLevel.Warning, "Send to {Target} failed: {Error}")]
    public static partial void SendFailed(ILogger logger, string target, string error);

    [LoggerMessage(1104, LogLevel.Warning, "Receive loop on {EndPoint} failed")]
    public static partial void ReceiveFailed(ILogger logger, string endPoint, Exception exception);

    [LoggerMessage(1105, LogLevel.Debug, "Connection {Remote} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string remote, string reason);

    [LoggerMessage(1106, LogLevel.Warning, "Handler for a message from {Source} failed")]
    public static partial void HandlerFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(1107, LogLevel.Warning, "Flow to {Remote}: no keep-alive pong within {Seconds} s, closing it")]
    public static partial void KeepAliveFailed(ILogger logger, string remote, long seconds);

    [LoggerMessage(1108, LogLevel.Warning, "{Reason}")]
    public static partial void TlsRefused(ILogger logger, string reason);

    [LoggerMessage(1109, LogLevel.Information, "Flow to {Remote} closed ({Reason}): registering again over a new one")]
    public static partial void FlowReestablishing(ILogger logger, string remote, string reason);

    [LoggerMessage(1110, LogLevel.Debug, "TLS handshake from {Remote} failed: {Reason}")]
    public static partial void TlsAcceptFailed(ILogger logger, string remote, string reason);

    [LoggerMessage(1200, LogLevel.Information, "Registration: registered={Registered} status={StatusCode} ({Reason})")]
    public static partial void RegistrationChanged(ILogger logger, bool registered, int statusCode, string reason);

    [LoggerMessage(1300, LogLevel.Debug, "Incoming call {CallId} from {Remote}")]
    public static partial void IncomingCall(ILogger logger, string callId, string remote);

    [LoggerMessage(1301, LogLevel.Debug, "Call {CallId} ended: {Result} {StatusCode} {Reason}, ended by {EndedBy}")]
    public static partial void CallEnded(ILogger logger, string callId, string result, int statusCode, string reason, string endedBy);

    [LoggerMessage(1302, LogLevel.Debug, "Call {CallId}: session interval {Seconds} s, refreshed by {Refresher}")]
    public static partial void SessionTimerSet(ILogger logger, string callId, long seconds, string refresher);

    [LoggerMessage(1303, LogLevel.Debug, "Call {CallId}: session refreshed")]
    public static partial void SessionRefreshed(ILogger logger, string callId);

    [LoggerMessage(1304, LogLevel.Warning, "Call {CallId}: no session refresh within {Seconds} s, ending the call")]
    public static partial void SessionExpired(ILogger logger, string callId, long seconds);

    [LoggerMessage(1305, LogLevel.Warning, "Call {CallId}: session refresh failed with {StatusCode} {Reason}")]
    public static partial void SessionRefreshFailed(ILogger logger, string callId, int statusCode, string reason);

    [LoggerMessage(1306, LogLevel.Information, "Call {CallId}: session interval {Requested} s below our minimum {Minimum} s, answered 422")]
    public static partial void SessionIntervalTooSmall(ILogger logger, string callId, long requested, long minimum);

    [LoggerMessage(1307, LogLevel.Information, "Call {CallId}: peer wants a session interval of at least {Seconds} s, retrying")]
    public static partial void SessionIntervalRaised(ILogger logger, string callId, long seconds);

    [LoggerMessage(1308, LogLevel.Information, "Call {CallId}: INVITE refused with {StatusCode}: {Reason}")]
    public static partial void InviteRefused(ILogger logger, string callId, int statusCode, string reason);

    [LoggerMessage(1309, LogLevel.Information, "Call {CallId}: re-INVITE offer refused with 488: {Reason}")]
    public static partial void OfferRefused(ILogger logger, string callId, string reason);
}

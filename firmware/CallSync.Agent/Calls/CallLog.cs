using CallSync.Contracts;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Calls;

/// <summary>The call manager's log messages (event ids 200-299).</summary>
internal static partial class CallLog
{
    [LoggerMessage(200, LogLevel.Information, "Dialling {Target} for {Origin}: call-id {CallId}, record {RecordId}")]
    public static partial void Dialling(ILogger logger, string target, OriginKind origin, string callId, Guid recordId);

    [LoggerMessage(201, LogLevel.Warning, "Dial of '{Target}' for {Origin} refused: {Reason}")]
    public static partial void DialRefused(ILogger logger, string target, OriginKind origin, string reason);

    [LoggerMessage(202, LogLevel.Information, "Incoming call from {Caller}: call-id {CallId}, record {RecordId}")]
    public static partial void Incoming(ILogger logger, string caller, string callId, Guid recordId);

    [LoggerMessage(203, LogLevel.Information, "Call {CallId} ended: {Result}, {Status} {Reason}, ended by {EndedBy}")]
    public static partial void CallEnded(ILogger logger, string callId, SipCallResult result, int status, string reason, SipCallParty endedBy);

    [LoggerMessage(204, LogLevel.Error, "Finishing call {CallId} failed; its record is marked failed")]
    public static partial void FinishFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(205, LogLevel.Information, "Registration: {Registered} ({Reason})")]
    public static partial void Registration(ILogger logger, bool registered, string reason);

    [LoggerMessage(206, LogLevel.Warning, "Key {Digit} not sent as DTMF on call {CallId}: no media")]
    public static partial void DtmfNotSent(ILogger logger, char digit, string callId);

    [LoggerMessage(207, LogLevel.Information, "Call {CallId}: DTMF {Digit} received ({Method}) at {Offset} s")]
    public static partial void DigitReceived(ILogger logger, char digit, string method, string callId, double offset);

    [LoggerMessage(208, LogLevel.Warning, "Call {CallId}: the peer vanished ({Reason}); hanging up")]
    public static partial void PeerVanished(ILogger logger, string callId, string reason);

    [LoggerMessage(209, LogLevel.Warning, "Call {CallId} cannot be answered: {Reason}")]
    public static partial void AnswerFailed(ILogger logger, string callId, string reason);

    [LoggerMessage(210, LogLevel.Error, "Call event {Event} failed")]
    public static partial void EventFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(211, LogLevel.Warning, "Stopping: {Count} call(s) still finishing after the grace period")]
    public static partial void ShutdownTimedOut(ILogger logger, int count);
}

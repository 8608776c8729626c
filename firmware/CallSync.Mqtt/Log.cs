using CallSync.Contracts;
using Microsoft.Extensions.Logging;

namespace CallSync.Mqtt;

/// <summary>Every log message of CallSync.Mqtt (event ids 5000-5999, stable).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Connected to MQTT broker {Host}:{Port} as {ClientId} (session present {SessionPresent})")]
    public static partial void ConnectedToBroker(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} refused the connection: {ResultCode}")]
    public static partial void ConnectRefused(ILogger logger, string host, int port, string resultCode);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Connecting to MQTT broker {Host}:{Port} failed: {ErrorType}: {ErrorMessage}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, string errorType, string errorMessage);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "MQTT reconnect attempt {Attempt} in {Delay}")]
    public static partial void ReconnectScheduled(ILogger logger, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "MQTT connection lost: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "MQTT link stopped cleanly (offline published, boot {Boot})")]
    public static partial void Disconnected(ILogger logger, long boot);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "MQTT link could not stop cleanly")]
    public static partial void StopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "No broker credentials yet (not enrolled): waiting for them")]
    public static partial void WaitingForCredentials(ILogger logger);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "Broker credentials changed: reconnecting with the new ones")]
    public static partial void CredentialsChanged(ILogger logger);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Error, Message = "The broker refused the subscription to {Filter}: {ResultCode}")]
    public static partial void SubscriptionRefused(ILogger logger, string filter, string resultCode);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Information, Message = "Announcing online (boot {Boot})")]
    public static partial void Online(ILogger logger, long boot);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Broker refused publish on {Topic}: {ReasonCode}")]
    public static partial void PublishRefused(ILogger logger, string topic, string reasonCode);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Publish on {Topic} failed: {ErrorType}")]
    public static partial void PublishFailed(ILogger logger, string topic, string errorType);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Acknowledging a command failed ({ErrorType}); the broker will redeliver it")]
    public static partial void AcknowledgeFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Command {CommandId} rejected: {Reason}")]
    public static partial void CommandRejected(ILogger logger, string commandId, string reason);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Command {CommandId} ({Type}) accepted")]
    public static partial void CommandAccepted(ILogger logger, string commandId, string type);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Command {CommandId} ({Type}) succeeded")]
    public static partial void CommandSucceeded(ILogger logger, string commandId, string type);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Command {CommandId} ended {Status}: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string commandId, ReplyStatus status, string reason);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Command {CommandId} repeated; first reply sent again (final {IsFinal}), not executed")]
    public static partial void CommandReplayed(ILogger logger, string commandId, bool isFinal);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Command {CommandId} was interrupted by a restart; reported as failed")]
    public static partial void CommandInterrupted(ILogger logger, string commandId);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Error, Message = "Command {CommandId} threw while executing")]
    public static partial void CommandExecutionFailed(ILogger logger, Exception exception, string commandId);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Error, Message = "Command handler failed")]
    public static partial void CommandHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Warning, Message = "A command reply was not delivered (not connected); it is kept for a repeat of the command")]
    public static partial void ReplyNotDelivered(ILogger logger);
}

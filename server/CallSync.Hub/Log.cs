using Microsoft.Extensions.Logging;

namespace CallSync.Hub;

/// <summary>Every log message of the hub, source-generated, with stable event ids in the hub's range 7000-7999.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Hub listening on {Urls} with {Provider} storage")]
    public static partial void HubStarted(ILogger logger, string urls, string provider);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Configuration key {Key} is not used by this hub and is ignored{Hint}")]
    public static partial void UnknownConfigurationKey(ILogger logger, string key, string hint);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Connected to MQTT broker {Host}:{Port} as {ClientId}")]
    public static partial void MqttConnected(ILogger logger, string host, int port, string clientId);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "MQTT connection failed: {Reason}; retrying")]
    public static partial void MqttConnectFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Warning, Message = "Publishing to {Topic} failed")]
    public static partial void MqttPublishFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Error, Message = "Handling a message on {Topic} failed")]
    public static partial void MessageHandlingFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Warning, Message = "Dropped a message from device {DeviceId}: {Reason}")]
    public static partial void RecordRejected(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Debug, Message = "Stored a batch of {Received} records, {Inserted} new")]
    public static partial void IngestBatchStored(ILogger logger, int received, int inserted);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Error, Message = "Storing a batch of {Count} records failed; retrying (not acknowledged)")]
    public static partial void IngestBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 7033, Level = LogLevel.Warning, Message = "Acknowledging a stored record failed ({Reason}); the broker will redeliver it")]
    public static partial void AcknowledgeFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 7040, Level = LogLevel.Information, Message = "Device {DeviceId} online: {Online}")]
    public static partial void DeviceStateChanged(ILogger logger, string deviceId, bool online);

    [LoggerMessage(EventId = 7050, Level = LogLevel.Debug, Message = "Pushed {Kind} {Key} to user {UserId}")]
    public static partial void PushPublished(ILogger logger, string userId, string kind, string key);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Warning, Message = "Push of kind {Kind} to {Target} failed; it will be retried")]
    public static partial void PushFailed(ILogger logger, string target, string kind, Exception? exception);

    [LoggerMessage(EventId = 7052, Level = LogLevel.Error, Message = "Checking for due digests failed")]
    public static partial void DigestCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7060, Level = LogLevel.Information, Message = "Sent dial command {RequestId} to device {DeviceId}")]
    public static partial void DialSent(ILogger logger, string requestId, string deviceId);

    [LoggerMessage(EventId = 7061, Level = LogLevel.Information, Message = "Dial {RequestId} reply {Status} (applied: {Changed})")]
    public static partial void DialReply(ILogger logger, string requestId, string status, bool changed);

    [LoggerMessage(EventId = 7062, Level = LogLevel.Warning, Message = "Ignored a reply from device {DeviceId}: {Reason}")]
    public static partial void DialReplyIgnored(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 7070, Level = LogLevel.Information, Message = "Binding {Action} by {Actor}: user {UserId}, device {DeviceId} -> {Outcome}")]
    public static partial void BindingEvent(ILogger logger, string actor, string action, string userId, string deviceId, string outcome);

    [LoggerMessage(EventId = 7090, Level = LogLevel.Information, Message = "Created bootstrap admin {UserId}")]
    public static partial void AdminBootstrapped(ILogger logger, string userId);
}

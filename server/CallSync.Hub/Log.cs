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

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Data directory {DataDir}; generated now: {Generated}")]
    public static partial void DataDirectory(ILogger logger, string dataDir, string generated);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "Sealed {Count} stored provisioning key(s) with the key-encryption key from {Source}")]
    public static partial void ProvisioningKeysSealed(ILogger logger, int count, string source);

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

    [LoggerMessage(EventId = 7070, Level = LogLevel.Information, Message = "Binding {Action} by {Actor}: user {UserId}, device {DeviceId} -> {Outcome}")]
    public static partial void BindingEvent(ILogger logger, string actor, string action, string userId, string deviceId, string outcome);

    [LoggerMessage(EventId = 7090, Level = LogLevel.Information, Message = "Created bootstrap admin {UserId}")]
    public static partial void AdminBootstrapped(ILogger logger, string userId);

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port} (anonymous clients refused)")]
    public static partial void BrokerStarted(ILogger logger, System.Net.IPAddress address, int port);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "Embedded MQTT broker dropped the oldest message queued for {ClientId}: more than {Limit} waiting")]
    public static partial void BrokerQueueOverflow(ILogger logger, string clientId, int limit);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Refused ({Reason}) {Subject}: {Detail} ({Suppressed} similar not logged since the last line)")]
    public static partial void Refused(ILogger logger, string reason, string subject, string detail, long suppressed);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "Wrote mosquitto's password file, ACL file and settings to {Directory} ({Identities} identities)")]
    public static partial void MosquittoConfigWritten(ILogger logger, string directory, int identities);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Error, Message = "Could not write mosquitto's files to {Directory}")]
    public static partial void MosquittoConfigFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 7120, Level = LogLevel.Information, Message = "Enrollment code issued for device {DeviceId}, valid until {ExpiresAt}")]
    public static partial void EnrollmentCodeIssued(ILogger logger, string deviceId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Information, Message = "Device {DeviceId} enrolled: new provisioning key and broker credential issued")]
    public static partial void DeviceEnrolled(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 7122, Level = LogLevel.Warning, Message = "Enrollment of device {DeviceId} refused: {Reason}")]
    public static partial void EnrollmentRefused(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 7123, Level = LogLevel.Warning, Message = "Device {DeviceId} revoked: its credentials no longer work")]
    public static partial void DeviceRevoked(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 7130, Level = LogLevel.Warning, Message = "Sign-in refused with 429 for {Subject} for {RetryAfter} ({Suppressed} more refused since the last line)")]
    public static partial void SignInRefused(ILogger logger, string subject, TimeSpan retryAfter, long suppressed);

    [LoggerMessage(EventId = 7131, Level = LogLevel.Warning, Message = "Sign-in failed for {UserId} from {Address}: {Reason} ({Suppressed} more failures from this address since the last line)")]
    public static partial void SignInFailed(ILogger logger, string userId, string address, string reason, long suppressed);
}

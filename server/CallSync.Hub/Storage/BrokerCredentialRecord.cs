using CallSync.Hub.Messaging;

namespace CallSync.Hub.Storage;

/// <summary>
/// One MQTT identity the brokers accept: its user name, what it is, the <c>$7$</c> hash of its secret
/// (<see cref="Security.MosquittoPasswordHash"/>) and, for an app user's token, when it stops working.
/// </summary>
internal sealed record BrokerCredentialRecord(string Username, BrokerIdentityKind Kind, string SecretHash, DateTimeOffset? ExpiresAt);

namespace CallSync.Hub.Messaging;

/// <summary>Who an authenticated MQTT client is (docs/security.md, "Identities").</summary>
internal enum BrokerIdentityKind
{
    /// <summary>A desk phone: user name = its device id, password issued at enrollment.</summary>
    Device,

    /// <summary>A hub instance: user name <c>Mqtt:Username</c> (default <c>hub</c>), password generated at first start.</summary>
    Hub,

    /// <summary>An app user: user name <c>user@{userId}</c>, password = the user's access token.</summary>
    User,
}

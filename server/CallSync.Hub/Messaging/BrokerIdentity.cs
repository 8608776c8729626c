namespace CallSync.Hub.Messaging;

/// <summary>
/// An authenticated MQTT client. <see cref="Name"/> is what the topic rules substitute: the device id, the user id or
/// the hub's user name.
/// </summary>
internal sealed record BrokerIdentity(BrokerIdentityKind Kind, string Name)
{
    // mosquitto refuses ":" in user names (its password file is "name:hash"); device ids and hub names never contain "@".
    public const string UserPrefix = "user@";

    /// <summary>The MQTT user name of app user <paramref name="userId"/>.</summary>
    public static string UserUsername(string userId) => UserPrefix + userId;
}

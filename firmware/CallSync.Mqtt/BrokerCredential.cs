namespace CallSync.Mqtt;

/// <summary>Where a client connects and what it presents in CONNECT (docs/security.md, "Identities").</summary>
/// <param name="Url"><c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c>.</param>
/// <param name="Username">The MQTT user name (a phone's device id, <c>hub</c>, <c>user:{id}</c>); null for none.</param>
/// <param name="Password">The password; never logged.</param>
public sealed record BrokerCredential(string Url, string? Username, string? Password)
{
    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"{Username ?? "(anonymous)"} at {Url}";
}

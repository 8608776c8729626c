namespace CallSync.Hub.Tests.Security;

/// <summary><see cref="BrokerSecurityTests"/> against the hub's embedded broker.</summary>
public sealed class EmbeddedBrokerSecurityTests : BrokerSecurityTests
{
    private protected override bool Mosquitto => false;
}

namespace CallSync.Hub.Tests.Security;

/// <summary><see cref="BrokerSecurityTests"/> against mosquitto 2.0 started with the password file, ACL file and settings the hub generated.</summary>
[Trait("Category", "Interop")]
public sealed class MosquittoBrokerSecurityTests : BrokerSecurityTests
{
    private protected override bool Mosquitto => true;
}

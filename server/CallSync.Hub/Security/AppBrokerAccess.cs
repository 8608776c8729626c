using CallSync.Hub.Messaging;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Security;

/// <summary>
/// App users log in to the broker as <c>user@{userId}</c> with their access token. The embedded broker checks the
/// token itself; an external broker cannot, so each sign-in stores the hash of the new token (until it expires) for
/// mosquitto's password file: there the latest sign-in's token is the one that works (docs/security.md).
/// </summary>
internal sealed class AppBrokerAccess(BrokerCredentialStore credentials, MosquittoConfig mosquitto)
{
    public async Task RegisterAsync(string userId, string token, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await credentials.UpsertAsync(
            new BrokerCredentialRecord(BrokerIdentity.UserUsername(userId), BrokerIdentityKind.User, MosquittoPasswordHash.Hash(token), expiresAt),
            cancellationToken).ConfigureAwait(false);
        await mosquitto.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }
}

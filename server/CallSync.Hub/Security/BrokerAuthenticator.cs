using CallSync.Hub.Messaging;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Security;

/// <summary>
/// Decides who an MQTT CONNECT is (docs/security.md, "Identities"): no user name is refused; the client id must equal
/// the user name; <c>user@{id}</c> is an app user (existing, enabled) whose password is a valid access token of that user; any other user
/// name is a phone or a hub instance whose password must match the stored <c>$7$</c> hash. Never throws on input.
/// </summary>
internal sealed class BrokerAuthenticator(BrokerCredentialStore credentials, TokenAuthenticator tokens, TimeProvider timeProvider)
{
    /// <summary>The refusal for a client id that is not the user name (MQTT 5 has a reason code of its own for it).</summary>
    public const string ClientIdMismatch = "client id differs from the user name";

    private const int MaxUsernameLength = 128;

    /// <summary>The identity, or null with the reason for the refusal (for the log; the client only learns "not authorized").</summary>
    public async Task<(BrokerIdentity? Identity, string Refusal)> AuthenticateAsync(string? clientId, string? username, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(username))
        {
            return (null, "anonymous (no user name)");
        }

        if (username.Length > MaxUsernameLength)
        {
            return (null, "user name too long");
        }

        if (!string.Equals(clientId, username, StringComparison.Ordinal))
        {
            return (null, ClientIdMismatch);
        }

        if (username.StartsWith(BrokerIdentity.UserPrefix, StringComparison.Ordinal))
        {
            var userId = username[BrokerIdentity.UserPrefix.Length..];
            return await tokens.AuthenticateAsync(password, cancellationToken).ConfigureAwait(false) is { } token
                && string.Equals(token.UserId, userId, StringComparison.Ordinal)
                ? (new BrokerIdentity(BrokerIdentityKind.User, userId), string.Empty)
                : (null, "no valid access token for this user");
        }

        var stored = await credentials.GetAsync(username, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Kind == BrokerIdentityKind.User)
        {
            return (null, "unknown user name");
        }

        if (stored.ExpiresAt is { } expires && expires <= timeProvider.GetUtcNow())
        {
            return (null, "credential expired");
        }

        return MosquittoPasswordHash.Verify(password, stored.SecretHash)
            ? (new BrokerIdentity(stored.Kind, username), string.Empty)
            : (null, "wrong password");
    }
}

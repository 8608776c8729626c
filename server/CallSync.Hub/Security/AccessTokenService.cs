using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CallSync.Hub.Security;

/// <summary>
/// Issues and checks bearer tokens <c>base64url(payload) "." base64url(HMAC-SHA256(secret, payload))</c> where
/// payload is <c>v1|userId|role|expiresUnixSeconds</c>. User ids cannot contain '|' (<see cref="Configuration.UserIdRules"/>).
/// A token whose expiry lies further ahead than one lifetime (plus <see cref="ClockSkew"/>) is refused even when validly
/// signed: a leaked signing key cannot mint a token that outlives a key change, and lowering <c>Security:TokenLifetime</c>
/// shortens the tokens already issued. Whether the user still exists and is enabled is <see cref="TokenAuthenticator"/>'s check.
/// </summary>
internal sealed class AccessTokenService
{
    /// <summary>How far a token's expiry may lie beyond one lifetime from now (clocks of several instances differ a little).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;

    /// <param name="tokenSecret">The configured or generated secret (<see cref="HubSecrets.TokenSecret"/>).</param>
    /// <param name="lifetime">How long an issued token works (<c>Security:TokenLifetime</c>).</param>
    /// <param name="timeProvider">Clock.</param>
    public AccessTokenService(string tokenSecret, TimeSpan lifetime, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenSecret);
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(tokenSecret));
        _lifetime = lifetime;
        _timeProvider = timeProvider;
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, UserRole role)
    {
        var expires = _timeProvider.GetUtcNow().Add(_lifetime);
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"v1|{userId}|{(role == UserRole.Admin ? "admin" : "user")}|{expires.ToUnixTimeSeconds()}"));
        var signature = HMACSHA256.HashData(_key, payload);
        return (Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(signature),
            DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>Never throws on input: malformed, tampered, expired or overlong-lived tokens give false.</summary>
    public bool TryValidate(string? token, out AccessToken? accessToken)
    {
        accessToken = null;
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 4 || parts[0] != "v1" || !Configuration.UserIdRules.IsValid(parts[1])
            || parts[2] is not ("user" or "admin")
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds))
        {
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        if (expiresSeconds > (now + _lifetime + ClockSkew).ToUnixTimeSeconds())
        {
            return false;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiresSeconds);
        if (now >= expires)
        {
            return false;
        }

        accessToken = new AccessToken(parts[1], parts[2] == "admin" ? UserRole.Admin : UserRole.User, expires);
        return true;
    }
}

using CallSync.Hub.Storage;

namespace CallSync.Hub.Security;

/// <summary>
/// The one check of a presented access token, for the API, recording playback and the embedded broker: a valid
/// signature and lifetime (<see cref="AccessTokenService"/>), and a user who still exists and is not disabled. The role
/// is the stored one, so taking a role away takes effect at once, not when the token expires.
/// </summary>
internal sealed class TokenAuthenticator(AccessTokenService tokens, UserStore users)
{
    /// <summary>The caller, or null for a missing, malformed, tampered or expired token or a deleted or disabled user.</summary>
    public async Task<AccessToken?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (!tokens.TryValidate(token, out var signed))
        {
            return null;
        }

        return await users.GetActiveRoleAsync(signed!.UserId, cancellationToken).ConfigureAwait(false) is { } role
            ? signed with { Role = role }
            : null;
    }

    /// <summary>The bearer token of an <c>Authorization</c> header value, or null.</summary>
    public static string? Bearer(string? header)
    {
        const string Scheme = "Bearer ";
        return header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }
}

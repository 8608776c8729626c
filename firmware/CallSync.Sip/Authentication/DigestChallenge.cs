using CallSync.Sip.Syntax;

namespace CallSync.Sip.Authentication;

/// <summary>
/// A <c>WWW-Authenticate</c> (401) or <c>Proxy-Authenticate</c> (407) Digest challenge
/// (RFC 3261 section 22.4, RFC 7616 section 3.3) that this client can answer.
/// </summary>
public sealed record DigestChallenge
{
    /// <summary>The protection space.</summary>
    public required string Realm { get; init; }

    /// <summary>The server nonce.</summary>
    public required string Nonce { get; init; }

    /// <summary>Opaque data to return unchanged, or null.</summary>
    public string? Opaque { get; init; }

    /// <summary>The hash algorithm.</summary>
    public DigestAlgorithm Algorithm { get; init; } = DigestAlgorithm.Md5;

    /// <summary>True when the server offered qop=auth; false means the RFC 2069 form without qop.</summary>
    public bool QopAuth { get; init; }

    /// <summary>True when the previous nonce was merely stale: retry with the new nonce, the password was right.</summary>
    public bool Stale { get; init; }

    /// <summary>True for a Proxy-Authenticate challenge (answered with Proxy-Authorization).</summary>
    public bool IsProxy { get; init; }

    /// <summary>Parses a header value such as <c>Digest realm="x", nonce="y", qop="auth"</c>; never throws.</summary>
    public static bool TryParse(string headerValue, bool isProxy, out DigestChallenge? challenge)
    {
        challenge = null;
        return headerValue is not null
            && SipAuthenticationHeaderValue.TryParse(headerValue, out var value)
            && TryCreate(value, isProxy, out challenge);
    }

    /// <summary>
    /// Reads a parsed challenge; false for other schemes, missing realm or nonce, unsupported algorithms
    /// (MD5-sess, SHA-512-256) or a qop list without <c>auth</c>.
    /// </summary>
    public static bool TryCreate(SipAuthenticationHeaderValue value, bool isProxy, out DigestChallenge? challenge)
    {
        ArgumentNullException.ThrowIfNull(value);
        challenge = null;
        if (!string.Equals(value.Scheme, "Digest", StringComparison.OrdinalIgnoreCase) || value.Realm is not { } realm || value.Nonce is not { } nonce)
        {
            return false;
        }

        var algorithm = DigestAlgorithm.Md5;
        if (value.Algorithm is { } alg)
        {
            if (string.Equals(alg, "SHA-256", StringComparison.OrdinalIgnoreCase))
            {
                algorithm = DigestAlgorithm.Sha256;
            }
            else if (!string.Equals(alg, "MD5", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var qopAuth = false;
        if (value.Qop is { } qop)
        {
            foreach (var option in qop.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                qopAuth |= string.Equals(option, "auth", StringComparison.OrdinalIgnoreCase);
            }

            if (!qopAuth)
            {
                return false;
            }
        }

        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = value.Opaque,
            Algorithm = algorithm,
            QopAuth = qopAuth,
            Stale = value.Stale,
            IsProxy = isProxy,
        };
        return true;
    }

    /// <summary>The usable challenges of a 401 or 407 response.</summary>
    public static IReadOnlyList<DigestChallenge> FromResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var list = new List<DigestChallenge>();
        foreach (var v in response.WwwAuthenticate)
        {
            if (TryCreate(v, false, out var c))
            {
                list.Add(c!);
            }
        }

        foreach (var v in response.ProxyAuthenticate)
        {
            if (TryCreate(v, true, out var c))
            {
                list.Add(c!);
            }
        }

        return list;
    }
}

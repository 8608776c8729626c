namespace CallSync.Sip.Authentication;

/// <summary>
/// A parsed <c>WWW-Authenticate</c> (401) or <c>Proxy-Authenticate</c> (407) Digest challenge
/// (RFC 3261 section 22.4, RFC 7616 section 3.3).
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
        if (headerValue is null)
        {
            return false;
        }

        var value = headerValue.AsSpan().Trim();
        if (!value.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) || (value.Length > 6 && !char.IsWhiteSpace(value[6])))
        {
            return false;
        }

        if (!AuthParameters.TryParse(value[6..], out var parameters))
        {
            return false;
        }

        if (!parameters.TryGetValue("realm", out var realm) || !parameters.TryGetValue("nonce", out var nonce))
        {
            return false;
        }

        var algorithm = DigestAlgorithm.Md5;
        if (parameters.TryGetValue("algorithm", out var alg))
        {
            if (string.Equals(alg, "MD5", StringComparison.OrdinalIgnoreCase))
            {
                algorithm = DigestAlgorithm.Md5;
            }
            else if (string.Equals(alg, "SHA-256", StringComparison.OrdinalIgnoreCase))
            {
                algorithm = DigestAlgorithm.Sha256;
            }
            else
            {
                // MD5-sess, SHA-512-256 and others are not supported; the caller looks for another challenge.
                return false;
            }
        }

        var qopAuth = false;
        if (parameters.TryGetValue("qop", out var qop))
        {
            foreach (var option in qop.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                qopAuth |= string.Equals(option, "auth", StringComparison.OrdinalIgnoreCase);
            }

            if (!qopAuth)
            {
                return false; // only auth-int offered
            }
        }

        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = parameters.GetValueOrDefault("opaque"),
            Algorithm = algorithm,
            QopAuth = qopAuth,
            Stale = parameters.TryGetValue("stale", out var stale) && string.Equals(stale, "true", StringComparison.OrdinalIgnoreCase),
            IsProxy = isProxy,
        };
        return true;
    }
}

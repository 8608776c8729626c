using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CallSync.Sip.Authentication;

/// <summary>
/// Client-side digest state for one account: the challenges currently held per realm, the nonce count
/// per nonce (RFC 7616 section 3.4: nc increases with every request that reuses a nonce), and the
/// decision whether a new challenge means "retry" (first challenge, stale nonce, nonce reused
/// pre-emptively) or "the credentials were refused". Not thread-safe: one owner (a registration or a call).
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly DigestCredentials _credentials;
    private readonly Func<string> _cnonceFactory;
    private readonly Dictionary<(bool Proxy, string Realm), State> _states = [];

    /// <summary>Creates an authenticator; <paramref name="cnonceFactory"/> is for tests (default: 8 random bytes, hex).</summary>
    public DigestAuthenticator(DigestCredentials credentials, Func<string>? cnonceFactory = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
        _cnonceFactory = cnonceFactory ?? (() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
    }

    /// <summary>True when a challenge is held, so requests can carry credentials pre-emptively.</summary>
    public bool HasChallenges => _states.Count > 0;

    /// <summary>
    /// Takes the challenges of a 401/407. Returns false when they mean the credentials were refused: the
    /// last request already answered a fresh challenge of the same realm and the new one is not stale.
    /// </summary>
    public bool Accept(IEnumerable<DigestChallenge> challenges)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        var any = false;
        foreach (var challenge in challenges)
        {
            var key = (challenge.IsProxy, challenge.Realm);
            if (_states.TryGetValue(key, out var existing) && existing.AnsweredFresh && !challenge.Stale)
            {
                return false;
            }

            _states[key] = new State(challenge);
            any = true;
        }

        return any;
    }

    /// <summary>Forgets all challenges (e.g. after a changed account).</summary>
    public void Reset() => _states.Clear();

    /// <summary>
    /// The Authorization / Proxy-Authorization header values for a request, one per held challenge.
    /// Each call counts as one use of each nonce.
    /// </summary>
    public IReadOnlyList<(string HeaderName, string Value)> Authorize(string method, string uri)
    {
        var list = new List<(string, string)>(_states.Count);
        foreach (var state in _states.Values)
        {
            list.Add((state.Challenge.IsProxy ? "Proxy-Authorization" : "Authorization", Build(state, method, uri)));
        }

        return list;
    }

    private string Build(State state, string method, string uri)
    {
        var c = state.Challenge;
        state.AnsweredFresh = state.NonceCount == 0;
        state.NonceCount++;
        var sb = new StringBuilder(256);
        sb.Append("Digest username=\"").Append(Escape(_credentials.UserName))
          .Append("\", realm=\"").Append(Escape(c.Realm))
          .Append("\", nonce=\"").Append(Escape(c.Nonce))
          .Append("\", uri=\"").Append(Escape(uri)).Append('"');
        string response;
        if (c.QopAuth)
        {
            var nc = state.NonceCount.ToString("x8", CultureInfo.InvariantCulture);
            var cnonce = _cnonceFactory();
            response = DigestResponse.Compute(c.Algorithm, _credentials.UserName, c.Realm, _credentials.Password, method, uri, c.Nonce, "auth", nc, cnonce);
            sb.Append(", response=\"").Append(response).Append('"')
              .Append(", algorithm=").Append(c.Algorithm == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5")
              .Append(", cnonce=\"").Append(Escape(cnonce)).Append('"')
              .Append(", qop=auth, nc=").Append(nc);
        }
        else
        {
            response = DigestResponse.Compute(c.Algorithm, _credentials.UserName, c.Realm, _credentials.Password, method, uri, c.Nonce, null, null, null);
            sb.Append(", response=\"").Append(response).Append('"')
              .Append(", algorithm=").Append(c.Algorithm == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5");
        }

        if (c.Opaque is not null)
        {
            sb.Append(", opaque=\"").Append(Escape(c.Opaque)).Append('"');
        }

        return sb.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private sealed class State(DigestChallenge challenge)
    {
        public DigestChallenge Challenge { get; } = challenge;

        public uint NonceCount { get; set; }

        /// <summary>True when the last request answered this challenge for the first time (not a reuse).</summary>
        public bool AnsweredFresh { get; set; }
    }
}

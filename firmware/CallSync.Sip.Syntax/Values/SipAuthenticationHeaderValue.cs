using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// A challenge (WWW-Authenticate, Proxy-Authenticate) or credentials (Authorization, Proxy-Authorization):
/// a scheme and comma-separated auth-params (RFC 3261 20.7, 20.27, 20.44, 25.1; RFC 7616). Parameter values are
/// stored unquoted.
/// </summary>
public sealed class SipAuthenticationHeaderValue
{
    // Parameters whose values are always written as quoted strings (RFC 3261 25.1 / RFC 7616).
    private static readonly string[] QuotedNames = ["realm", "nonce", "opaque", "domain", "username", "uri", "response", "cnonce", "qop"];

    /// <summary>Creates a value.</summary>
    public SipAuthenticationHeaderValue(string scheme, SipParameters parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(parameters);
        Scheme = scheme;
        Parameters = parameters;
    }

    /// <summary>The scheme, normally <c>Digest</c>.</summary>
    public string Scheme { get; }

    /// <summary>The auth-params with unquoted values.</summary>
    public SipParameters Parameters { get; }

    /// <summary>realm.</summary>
    public string? Realm => Parameters.GetValue("realm");
    /// <summary>nonce.</summary>
    public string? Nonce => Parameters.GetValue("nonce");
    /// <summary>opaque.</summary>
    public string? Opaque => Parameters.GetValue("opaque");
    /// <summary>algorithm (MD5 when absent, RFC 3261 22.4).</summary>
    public string? Algorithm => Parameters.GetValue("algorithm");
    /// <summary>qop (for a challenge, a comma list such as <c>auth,auth-int</c>).</summary>
    public string? Qop => Parameters.GetValue("qop");
    /// <summary>True when <c>stale=true</c>.</summary>
    public bool Stale => string.Equals(Parameters.GetValue("stale"), "true", StringComparison.OrdinalIgnoreCase);
    /// <summary>username (credentials).</summary>
    public string? UserName => Parameters.GetValue("username");
    /// <summary>uri (credentials).</summary>
    public string? Uri => Parameters.GetValue("uri");
    /// <summary>response (credentials).</summary>
    public string? Response => Parameters.GetValue("response");
    /// <summary>cnonce (credentials).</summary>
    public string? CNonce => Parameters.GetValue("cnonce");
    /// <summary>nc (credentials).</summary>
    public string? NonceCount => Parameters.GetValue("nc");

    /// <summary>Parses <c>scheme LWS auth-param *(COMMA auth-param)</c>; false when malformed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipAuthenticationHeaderValue? value)
    {
        value = null;
        var s = SipChars.TrimLws(text);
        var ws = s.IndexOfAny(" \t\r\n");
        var scheme = ws < 0 ? s : s[..ws];
        if (!SipChars.IsToken(scheme))
        {
            return false;
        }

        var parameters = SipParameters.Empty;
        if (ws >= 0 && !SipParameters.TryParse(s[ws..], ',', true, out parameters))
        {
            return false;
        }

        value = new SipAuthenticationHeaderValue(scheme.ToString(), parameters);
        return true;
    }

    /// <summary>The value as written, quoting the parameters that RFC 3261 requires quoted.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(128).Append(Scheme);
        var first = true;
        foreach (var p in Parameters)
        {
            sb.Append(first ? " " : ", ").Append(p.Name);
            first = false;
            if (p.Value is null)
            {
                continue;
            }

            sb.Append('=');
            var quote = Array.Exists(QuotedNames, n => string.Equals(n, p.Name, StringComparison.OrdinalIgnoreCase))
                || !SipChars.IsToken(p.Value.AsSpan());
            sb.Append(quote ? SipText.Quote(p.Value) : p.Value);
        }

        return sb.ToString();
    }
}

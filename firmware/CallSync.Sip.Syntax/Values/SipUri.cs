using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// A <c>sip:</c>, <c>sips:</c> or <c>tel:</c> URI (RFC 3261 19.1, RFC 3966): user and password (escapes resolved),
/// host (name, IPv4 or bracketed IPv6), port, parameters and headers. Immutable.
/// </summary>
public sealed class SipUri : IEquatable<SipUri>
{
    // user = 1*( unreserved / escaped / user-unreserved ), RFC 3261 25.1.
    private static readonly SearchValues<char> UserAllowed = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()&=+$,;?/");

    private static readonly SearchValues<char> PasswordAllowed = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()&=+$,");

    // hname / hvalue = *( hnv-unreserved / unreserved / escaped ), RFC 3261 25.1: no '&', '=' or ',' unescaped.
    private static readonly SearchValues<char> HeaderAllowed = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()[]/?:+$");

    private static readonly SearchValues<char> HostAllowed = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    private static readonly SearchValues<char> Ipv6Allowed = SearchValues.Create("0123456789abcdefABCDEF:.");

    private static readonly SearchValues<char> TelAllowed = SearchValues.Create("0123456789+-.()*#abcdefABCDEFpwPW");

    private string? _text;

    /// <summary>
    /// Creates a URI from its parts; <paramref name="user"/> and <paramref name="password"/> are unescaped text. An
    /// IPv6 host may be given with or without brackets (it is written as an IPv6reference).
    /// </summary>
    /// <exception cref="ArgumentException">The host of a sip/sips URI is not a host name, IPv4 or IPv6 address, or the port is out of range.</exception>
    public SipUri(SipUriScheme scheme, string? user, string host, int? port = null, SipParameters? parameters = null, SipParameters? headers = null, string? password = null)
        : this(scheme, user, CheckedHost(scheme, host), port, parameters, headers, password, text: null)
    {
    }

    // For parts already known to be valid (parsed, or taken from another SipUri): no second check, no copies.
    private SipUri(SipUriScheme scheme, string? user, string host, int? port, SipParameters? parameters, SipParameters? headers, string? password, string? text)
    {
        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), "Port must be 1-65535.");
        }

        _text = text;
        Scheme = scheme;
        User = string.IsNullOrEmpty(user) ? null : user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters ?? SipParameters.Empty;
        Headers = headers ?? SipParameters.Empty;
    }

    /// <summary>The scheme.</summary>
    public SipUriScheme Scheme { get; }

    /// <summary>The user part with escapes resolved (for tel: the number), or null.</summary>
    public string? User { get; }

    /// <summary>The password part with escapes resolved, or null.</summary>
    public string? Password { get; }

    /// <summary>The host: a name, an IPv4 address or an IPv6 reference in brackets; empty for tel:.</summary>
    public string Host { get; }

    /// <summary>The port, or null when absent.</summary>
    public int? Port { get; }

    /// <summary>URI parameters (<c>;transport=tcp;lr</c>).</summary>
    public SipParameters Parameters { get; }

    /// <summary>URI headers (<c>?name=value&amp;...</c>), values unescaped.</summary>
    public SipParameters Headers { get; }

    /// <summary>The <c>transport</c> parameter, or null.</summary>
    public string? Transport => Parameters.GetValue("transport");

    /// <summary>True when the <c>lr</c> parameter is present (loose router, RFC 3261 16.12).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>True when the host is an IPv6 reference.</summary>
    public bool IsIPv6 => Host.StartsWith('[');

    /// <summary>Parses a URI; throws for text that is not one (use <see cref="TryParse"/> for input from the network).</summary>
    /// <exception cref="FormatException">The text is not a sip, sips or tel URI.</exception>
    public static SipUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var uri) ? uri : throw new FormatException("Not a sip, sips or tel URI.");
    }

    /// <summary>Parses a URI; false for anything else. Never throws on input.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (text.ContainsAny(SipChars.UriForbidden))
        {
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var schemeText = text[..colon];
        SipUriScheme scheme;
        if (schemeText.Equals("sip", StringComparison.OrdinalIgnoreCase))
        {
            scheme = SipUriScheme.Sip;
        }
        else if (schemeText.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            scheme = SipUriScheme.Sips;
        }
        else if (schemeText.Equals("tel", StringComparison.OrdinalIgnoreCase))
        {
            scheme = SipUriScheme.Tel;
        }
        else
        {
            return false;
        }

        var rest = text[(colon + 1)..];
        if (scheme == SipUriScheme.Tel)
        {
            return TryParseTel(rest, text, out uri);
        }

        // Headers start at the first '?' after the host part.
        string? user = null;
        string? password = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var pc = userInfo.IndexOf(':');
            var userText = pc < 0 ? userInfo : userInfo[..pc];
            if (userText.Length == 0 || !OnlyEscapes(userText, UserAllowed))
            {
                return false;
            }

            if (!SipText.TryUnescape(userText, out var u))
            {
                return false;
            }

            user = u;
            if (pc >= 0)
            {
                var pw = userInfo[(pc + 1)..];
                if (!OnlyEscapes(pw, PasswordAllowed) || !SipText.TryUnescape(pw, out var p))
                {
                    return false;
                }

                password = p;
            }

            rest = rest[(at + 1)..];
        }

        var q = rest.IndexOf('?');
        var headersText = q < 0 ? [] : rest[(q + 1)..];
        if (q >= 0)
        {
            rest = rest[..q];
        }

        var semi = rest.IndexOf(';');
        var hostPort = semi < 0 ? rest : rest[..semi];
        if (!TryParseHostPort(hostPort, out var host, out var port))
        {
            return false;
        }

        var parameters = SipParameters.Empty;
        if (semi >= 0 && !SipParameters.TryParse(rest[(semi + 1)..], ';', false, out parameters))
        {
            return false;
        }

        var headers = SipParameters.Empty;
        if (q >= 0)
        {
            if (!SipParameters.TryParse(headersText, '&', false, out var rawHeaders))
            {
                return false;
            }

            var list = new SipParameter[rawHeaders.Count];
            for (var i = 0; i < list.Length; i++)
            {
                string? value = null;
                if (rawHeaders[i].Value is { } v && !SipText.TryUnescape(v, out value))
                {
                    return false;
                }

                list[i] = new SipParameter(rawHeaders[i].Name, value);
            }

            headers = SipParameters.Create(list);
        }

        uri = new SipUri(scheme, user, host, port, parameters, headers, password, text.ToString());
        return true;
    }

    private static string CheckedHost(SipUriScheme scheme, string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return scheme == SipUriScheme.Tel ? host
            : NormaliseHost(host) ?? throw new ArgumentException($"'{host}' is not a host name, IPv4 or IPv6 address.", nameof(host));
    }

    /// <summary>
    /// The host as RFC 3261 writes it (an IPv6 literal in brackets, without a zone), or null when the text is not a
    /// hostname, IPv4address or IPv6reference (25.1).
    /// </summary>
    internal static string? NormaliseHost(string host)
    {
        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')
            && System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            ip.ScopeId = 0;
            return "[" + ip + "]";
        }

        return TryParseHostPort(host, out var parsed, out var port) && port is null ? parsed : null;
    }

    /// <summary>
    /// Parses <c>host[:port]</c> (host a name, IPv4, or [IPv6]); used for URIs and Via sent-by.
    /// </summary>
    internal static bool TryParseHostPort(ReadOnlySpan<char> s, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        if (s.Length == 0)
        {
            return false;
        }

        ReadOnlySpan<char> portText = [];
        if (s[0] == '[')
        {
            var close = s.IndexOf(']');
            if (close < 0 || close < 3 || s[1..close].ContainsAnyExcept(Ipv6Allowed) || !s[1..close].Contains(':'))
            {
                return false;
            }

            host = s[..(close + 1)].ToString();
            var after = s[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                portText = after[1..];
                if (portText.Length == 0)
                {
                    return false;
                }
            }
        }
        else
        {
            var c = s.IndexOf(':');
            var h = c < 0 ? s : s[..c];
            if (h.Length == 0 || h.ContainsAnyExcept(HostAllowed))
            {
                return false;
            }

            host = h.ToString();
            if (c >= 0)
            {
                portText = s[(c + 1)..];
                if (portText.Length == 0)
                {
                    return false;
                }
            }
        }

        if (portText.Length > 0)
        {
            if (portText.Length > 5 || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return false;
            }

            port = p;
        }

        return true;
    }

    private static bool TryParseTel(ReadOnlySpan<char> rest, ReadOnlySpan<char> whole, out SipUri? uri)
    {
        uri = null;
        var semi = rest.IndexOf(';');
        var number = semi < 0 ? rest : rest[..semi];
        if (number.Length == 0 || number.ContainsAnyExcept(TelAllowed))
        {
            return false;
        }

        var parameters = SipParameters.Empty;
        if (semi >= 0 && !SipParameters.TryParse(rest[(semi + 1)..], ';', false, out parameters))
        {
            return false;
        }

        uri = new SipUri(SipUriScheme.Tel, number.ToString(), string.Empty, null, parameters, null, null, whole.ToString());
        return true;
    }

    private static bool OnlyEscapes(ReadOnlySpan<char> s, SearchValues<char> allowed)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!allowed.Contains(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A copy with parameter <paramref name="name"/> set (null value = flag).</summary>
    public SipUri WithParameter(string name, string? value) => new(Scheme, User, Host, Port, Parameters.With(name, value), Headers, Password, text: null);

    /// <summary>A copy without URI headers (what RFC 3261 12.1.1 wants when a URI becomes a Request-URI).</summary>
    public SipUri WithoutHeaders() => Headers.Count == 0 ? this : new SipUri(Scheme, User, Host, Port, Parameters, null, Password, text: null);

    /// <summary>The URI as text: the original text when parsed, otherwise built with escapes applied.</summary>
    public override string ToString() => _text ??= Format();

    /// <summary>Textual equality of the serialised forms, ignoring scheme and host case.</summary>
    public bool Equals(SipUri? other) => other is not null && string.Equals(Normalised(), other.Normalised(), StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SipUri other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Normalised());

    private string Normalised() => Format().ToLowerInvariant();

    private string Format()
    {
        var sb = new StringBuilder(64);
        sb.Append(Scheme switch { SipUriScheme.Sips => "sips:", SipUriScheme.Tel => "tel:", _ => "sip:" });
        if (Scheme == SipUriScheme.Tel)
        {
            sb.Append(User);
        }
        else
        {
            if (User is not null)
            {
                sb.Append(SipText.Escape(User, UserAllowed));
                if (Password is not null)
                {
                    sb.Append(':').Append(SipText.Escape(Password, PasswordAllowed));
                }

                sb.Append('@');
            }

            sb.Append(Host);
            if (Port is { } p)
            {
                sb.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
            }
        }

        sb.Append(Parameters.FormatUri());
        if (Headers.Count > 0)
        {
            var first = true;
            foreach (var h in Headers)
            {
                // header = hname "=" hvalue: the '=' is always written, even for an empty value.
                sb.Append(first ? '?' : '&').Append(SipText.EscapeKeepingEscapes(h.Name, HeaderAllowed))
                    .Append('=').Append(SipText.Escape(h.Value ?? string.Empty, HeaderAllowed));
                first = false;
            }
        }

        return sb.ToString();
    }
}

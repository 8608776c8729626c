using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CallSync.Sip.Syntax;

/// <summary>Parsing and host checks of <see cref="SipUri"/>.</summary>
public sealed partial class SipUri
{
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
}

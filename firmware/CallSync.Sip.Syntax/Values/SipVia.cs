using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// One Via entry (RFC 3261 20.42, 18.2.1; rport from RFC 3581): <c>SIP/2.0/UDP host:port;branch=...;received=...;rport</c>.
/// Immutable; the <c>With...</c> methods return copies.
/// </summary>
public sealed class SipVia
{
    /// <summary>The magic cookie that marks an RFC 3261 branch id (section 8.1.1.7).</summary>
    public const string BranchMagicCookie = "z9hG4bK";

    /// <summary>Creates a Via entry; an IPv6 host may be given with or without brackets.</summary>
    /// <exception cref="ArgumentException">The transport is not a token, or the host is not a host name, IPv4 or IPv6 address.</exception>
    public SipVia(string transport, string host, int? port, SipParameters? parameters = null)
        : this(CheckedTransport(transport), CheckedHost(host), port, parameters, trusted: true)
    {
    }

    // For parts already known to be valid (parsed, or taken from another SipVia).
    private SipVia(string transport, string host, int? port, SipParameters? parameters, bool trusted)
    {
        _ = trusted;
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = parameters ?? SipParameters.Empty;
    }

    private static string CheckedTransport(string transport)
    {
        ArgumentException.ThrowIfNullOrEmpty(transport);
        return SipChars.IsToken(transport.AsSpan()) ? transport : throw new ArgumentException("A Via transport is a token.", nameof(transport));
    }

    private static string CheckedHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return SipUri.NormaliseHost(host) ?? throw new ArgumentException($"'{host}' is not a host name, IPv4 or IPv6 address.", nameof(host));
    }

    /// <summary>Creates a Via for a new request with a fresh branch and an empty <c>rport</c> (RFC 3581 section 3).</summary>
    public static SipVia Create(string transport, string host, int? port, string? branch = null, bool requestRPort = true)
    {
        var p = SipParameters.Create(new SipParameter("branch", branch ?? SipIds.NewBranch()));
        if (requestRPort)
        {
            p = p.With("rport", null);
        }

        return new SipVia(transport, host, port, p);
    }

    /// <summary>The transport in upper case (UDP, TCP, TLS, WS...).</summary>
    public string Transport { get; }

    /// <summary>The sent-by host (name, IPv4 or [IPv6]).</summary>
    public string Host { get; }

    /// <summary>The sent-by port, or null.</summary>
    public int? Port { get; }

    /// <summary>All parameters in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The branch id, or null.</summary>
    public string? Branch => Parameters.GetValue("branch");

    /// <summary>True when the branch starts with the RFC 3261 magic cookie.</summary>
    public bool HasRfc3261Branch => Branch?.StartsWith(BranchMagicCookie, StringComparison.Ordinal) == true;

    /// <summary>The <c>received</c> parameter, or null.</summary>
    public string? Received => Parameters.GetValue("received");

    /// <summary>True when <c>rport</c> is present, with or without a value (RFC 3581).</summary>
    public bool HasRPort => Parameters.Contains("rport");

    /// <summary>The <c>rport</c> value, or null when absent or empty.</summary>
    public int? RPort => SipValueParsers.ParseSmallInt(Parameters.GetValue("rport")) is { } p && p is > 0 and <= 65535 ? p : null;

    /// <summary>The <c>maddr</c> parameter, or null.</summary>
    public string? MAddr => Parameters.GetValue("maddr");

    /// <summary>
    /// A copy with <c>received</c> and (when requested) <c>rport</c> filled in, as a server does (RFC 3581 section 4).
    /// An IPv6 source is written as RFC 3261's via-received wants it: no brackets, no zone (RFC 5118 section 4.5).
    /// </summary>
    public SipVia WithReceived(string received, int? rport)
    {
        ArgumentNullException.ThrowIfNull(received);
        var address = received.Trim('[', ']');
        if (System.Net.IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            ip.ScopeId = 0;
            address = ip.ToString();
        }

        var p = Parameters.With("received", address);
        if (rport is { } rp && HasRPort)
        {
            p = p.With("rport", rp.ToString(CultureInfo.InvariantCulture));
        }

        return new SipVia(Transport, Host, Port, p, trusted: true);
    }

    /// <summary>Parses one Via entry (not a comma list); false when malformed. Never throws on input.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        var s = SipChars.TrimLws(text);

        // sent-protocol = protocol-name SLASH protocol-version SLASH transport, LWS allowed around the slashes.
        if (!TryTakeToken(ref s, out var name) || !TryTakeSlash(ref s) || !TryTakeToken(ref s, out var version) || !TryTakeSlash(ref s)
            || !TryTakeToken(ref s, out var transport))
        {
            return false;
        }

        if (!name.Equals("SIP", StringComparison.OrdinalIgnoreCase) || !version.Equals("2.0", StringComparison.Ordinal))
        {
            return false;
        }

        s = s.TrimStart(" \t\r\n");
        var semi = s.IndexOf(';');
        var sentBy = SipChars.TrimLws(semi < 0 ? s : s[..semi]);

        // LWS is allowed around the colon of sent-by.
        var hostPortText = sentBy.Contains(' ') || sentBy.Contains('\t') ? RemoveLws(sentBy) : sentBy.ToString();
        if (!SipUri.TryParseHostPort(hostPortText, out var host, out var port))
        {
            return false;
        }

        var parameters = SipParameters.Empty;
        if (semi >= 0 && !SipParameters.TryParse(s[(semi + 1)..], ';', false, out parameters))
        {
            return false;
        }

        via = new SipVia(transport.ToString(), host, port, parameters, trusted: true);
        return true;
    }

    /// <summary>The entry as written in a Via header.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(64);
        sb.Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } p)
        {
            sb.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(Parameters.FormatHeader()).ToString();
    }

    private static string RemoveLws(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!SipChars.IsWhitespace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool TryTakeToken(ref ReadOnlySpan<char> s, out ReadOnlySpan<char> token)
    {
        s = s.TrimStart(" \t\r\n");
        var end = s.IndexOfAnyExcept(SipChars.TokenCharSet);
        if (end < 0)
        {
            end = s.Length;
        }

        token = s[..end];
        s = s[end..];
        return token.Length > 0;
    }

    private static bool TryTakeSlash(ref ReadOnlySpan<char> s)
    {
        s = s.TrimStart(" \t\r\n");
        if (s.Length == 0 || s[0] != '/')
        {
            return false;
        }

        s = s[1..];
        return true;
    }
}

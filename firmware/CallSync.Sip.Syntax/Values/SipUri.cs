using System.Buffers;
using System.Globalization;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// A <c>sip:</c>, <c>sips:</c> or <c>tel:</c> URI (RFC 3261 19.1, RFC 3966): user and password (escapes resolved),
/// host (name, IPv4 or bracketed IPv6), port, parameters and headers. Immutable.
/// </summary>
public sealed partial class SipUri : IEquatable<SipUri>
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

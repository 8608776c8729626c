using System.Globalization;
using System.Net;

namespace CallSync.Sip.Transport;

/// <summary>
/// A configured listening endpoint such as <c>udp:127.0.0.1:5060</c>, <c>udp:[::]:5060</c>, <c>tcp:0.0.0.0:0</c> (port 0: any
/// free port) or <c>tls:0.0.0.0:5061</c> (needs the phone's certificate, <see cref="Tls.SipTlsOptions.Certificate"/>).
/// </summary>
/// <param name="Transport">The transport.</param>
/// <param name="EndPoint">The local address and port.</param>
public sealed record SipListenEndPoint(SipTransportKind Transport, IPEndPoint EndPoint)
{
    /// <summary>Parses an endpoint written in code (tests, defaults).</summary>
    /// <exception cref="ArgumentException">The text is not an endpoint.</exception>
    public static SipListenEndPoint Parse(string text) =>
        TryParse(text, out var endPoint, out var error) ? endPoint! : throw new ArgumentException(error, nameof(text));

    /// <summary>Parses <c>udp:ADDRESS:PORT</c> / <c>tcp:[v6]:PORT</c> / <c>tls:ADDRESS:PORT</c>; false with a reason when malformed.</summary>
    public static bool TryParse(string text, out SipListenEndPoint? endPoint, out string? error)
    {
        endPoint = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty endpoint";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? text[..colon] : string.Empty;
        SipTransportKind kind;
        if (string.Equals(scheme, "udp", StringComparison.OrdinalIgnoreCase))
        {
            kind = SipTransportKind.Udp;
        }
        else if (string.Equals(scheme, "tcp", StringComparison.OrdinalIgnoreCase))
        {
            kind = SipTransportKind.Tcp;
        }
        else if (string.Equals(scheme, "tls", StringComparison.OrdinalIgnoreCase))
        {
            kind = SipTransportKind.Tls;
        }
        else
        {
            error = $"'{text}': expected udp:ADDRESS:PORT, tcp:ADDRESS:PORT or tls:ADDRESS:PORT";
            return false;
        }

        var rest = text[(colon + 1)..];
        var portColon = rest.LastIndexOf(':');
        var host = portColon > 0 ? rest[..portColon] : string.Empty;

        // An IPv6 address is written in brackets ([::1]:5060, RFC 3986 section 3.2.2); without them "::1:5060"
        // could be an address with or without a port.
        var bracketed = host.Length > 2 && host[0] == '[' && host[^1] == ']';
        if (portColon <= 0
            || !int.TryParse(rest.AsSpan(portColon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 0 or > 65535
            || host.Contains(':', StringComparison.Ordinal) != bracketed
            || !IPAddress.TryParse(bracketed ? host[1..^1] : host, out var address))
        {
            error = $"'{text}': expected a numeric address (IPv6 in brackets) and a port 0-65535";
            return false;
        }

        endPoint = new SipListenEndPoint(kind, new IPEndPoint(address, port));
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{SipTarget.Token(Transport).ToLowerInvariant()}:{EndPoint}";
}

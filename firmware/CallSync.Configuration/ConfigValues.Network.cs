using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CallSync.Configuration;

/// <summary>Addresses and URLs.</summary>
public static partial class ConfigValues
{
    private const int MaxUrlLength = 2048;

    /// <summary>
    /// A numeric IP address of <paramref name="family"/> (any family when null). IPv4 must be written as four
    /// numbers: the shorthand <c>127.1</c> that <see cref="System.Net.IPAddress.TryParse(string, out System.Net.IPAddress)"/> accepts is refused.
    /// </summary>
    public static ConfigValue<IPAddress> IPAddress(AddressFamily? family, string accepts) => new(
        (string text, [MaybeNullWhen(false)] out IPAddress value) =>
            TryParseAddress(text, out value) && (family is null || value.AddressFamily == family),
        accepts);

    /// <summary>An absolute URL with one of <paramref name="schemes"/> and a host.</summary>
    public static ConfigValue<Uri> Url(string accepts, params string[] schemes) => new(
        (string text, [MaybeNullWhen(false)] out Uri value) =>
            Uri.TryCreate(text, UriKind.Absolute, out value) && text.Length <= MaxUrlLength
            && schemes.Contains(value.Scheme, StringComparer.OrdinalIgnoreCase) && !string.IsNullOrEmpty(value.Host),
        accepts,
        static value => value.OriginalString);

    /// <summary>Parses a numeric address strictly (four dotted numbers for IPv4, a colon for IPv6); never throws.</summary>
    public static bool TryParseAddress(string text, [MaybeNullWhen(false)] out IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = null;
        var looksRight = text.Contains(':', StringComparison.Ordinal) || text.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
        return looksRight && text.Length <= 64 && System.Net.IPAddress.TryParse(text, out address);
    }

    /// <summary>
    /// Parses <c>ADDRESS:PORT</c>: a numeric address as <see cref="TryParseAddress"/> reads it (IPv6 in brackets,
    /// <c>[::1]:5060</c>) and a port 0-65535 written out; never throws.
    /// </summary>
    public static bool TryParseEndPoint(string text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        endPoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = text[..colon];
        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (host.Contains(':', StringComparison.Ordinal) != bracketed || !TryParseAddress(bracketed ? host[1..^1] : host, out var address))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }
}

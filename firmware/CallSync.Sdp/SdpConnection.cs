using System.Net;
using System.Net.Sockets;

namespace CallSync.Sdp;

/// <summary>A <c>c=</c> line (RFC 8866 section 5.7).</summary>
/// <param name="NetworkType">Always <c>IN</c> in practice.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The connection address, without any TTL or count suffix.</param>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>Creates an <c>IN IP4</c> or <c>IN IP6</c> connection for a numeric address.</summary>
    /// <exception cref="ArgumentException">The text is not a numeric IPv4 or IPv6 address.</exception>
    public static SdpConnection ForAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var v6 = address.Contains(':', StringComparison.Ordinal);
        var connection = new SdpConnection("IN", v6 ? "IP6" : "IP4", address);
        if (!connection.TryGetIPAddress(out var ip))
        {
            throw new ArgumentException($"'{address}' is not a numeric IPv4 or IPv6 address.", nameof(address));
        }

        // Written in the canonical form (lower case, zeros compressed) that every peer's parser takes.
        return connection with { Address = ip!.ToString() };
    }

    /// <summary>The address family named by <see cref="AddressType"/> (<c>Unspecified</c> for anything but IP4 and IP6 over IN).</summary>
    public AddressFamily Family =>
        !string.Equals(NetworkType, "IN", StringComparison.OrdinalIgnoreCase) ? AddressFamily.Unspecified
        : string.Equals(AddressType, "IP4", StringComparison.OrdinalIgnoreCase) ? AddressFamily.InterNetwork
        : string.Equals(AddressType, "IP6", StringComparison.OrdinalIgnoreCase) ? AddressFamily.InterNetworkV6
        : AddressFamily.Unspecified;

    /// <summary>True for the RFC 2543 hold address 0.0.0.0 (or ::, in any spelling).</summary>
    public bool IsUnspecified => TryGetIPAddress(out var ip) && (ip!.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));

    /// <summary>The address as a numeric IP of <see cref="Family"/>; false for a host name or a family mismatch.</summary>
    public bool TryGetIPAddress(out IPAddress? address)
    {
        address = null;
        var family = Family;
        var text = Address.AsSpan();

        // IPAddress.TryParse also takes "10.1" or "[::1]%2": only the textual forms RFC 8866 names are accepted.
        var wellFormed = family switch
        {
            AddressFamily.InterNetwork => IsDottedQuad(text),
            AddressFamily.InterNetworkV6 => text.Contains(':') && !text.ContainsAny("[]%/"),
            _ => false,
        };
        if (!wellFormed || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != family)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>True when <see cref="TryGetIPAddress"/> gives a multicast address (224.0.0.0/4 or ff00::/8).</summary>
    public bool IsMulticast => TryGetIPAddress(out var ip) && (ip!.IsIPv6Multicast || (ip.AddressFamily == AddressFamily.InterNetwork && (ip.GetAddressBytes()[0] & 0xF0) == 0xE0));

    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (++parts > 4 || part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9')
                || !SdpNumbers.TryParsePort(part, out var value) || value > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    /// <inheritdoc />
    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}

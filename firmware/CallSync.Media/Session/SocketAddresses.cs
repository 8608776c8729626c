using System.Net;
using System.Net.Sockets;

namespace CallSync.Media.Session;

/// <summary>
/// Comparisons and conversions of socket addresses that never throw, whatever family a datagram comes from
/// (IPv4, IPv6, IPv4-mapped IPv6 on a dual-stack socket), and allocate only when an address is kept.
/// </summary>
internal static class SocketAddresses
{
    private const int V4AddressOffset = 4;
    private const int V6AddressOffset = 8;

    /// <summary>True when <paramref name="source"/> is the host <paramref name="expected"/> (any port; IPv4-mapped forms equal).</summary>
    public static bool SameHost(SocketAddress source, IPAddress expected)
    {
        Span<byte> want = stackalloc byte[16];
        if (!expected.TryWriteBytes(want, out int wantLength))
        {
            return false;
        }

        ReadOnlySpan<byte> got = AddressBytes(source);
        return Normalise(got).SequenceEqual(Normalise(want[..wantLength]));
    }

    /// <summary>A copy of <paramref name="source"/> (the receive loop reuses its own).</summary>
    public static SocketAddress Copy(SocketAddress source)
    {
        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }

    /// <summary>The endpoint of <paramref name="address"/>, for logs and properties; null for a family that is not IP.</summary>
    public static IPEndPoint? ToEndPoint(SocketAddress address) => address.Family switch
    {
        AddressFamily.InterNetwork => (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(address),
        AddressFamily.InterNetworkV6 => (IPEndPoint)new IPEndPoint(IPAddress.IPv6Any, 0).Create(address),
        _ => null,
    };

    /// <summary>
    /// Where to send to <paramref name="remote"/> from a socket of <paramref name="family"/>: IPv4 as is (or from an
    /// IPv4-mapped address), IPv4 mapped into IPv6 on a dual-stack socket; null when the socket cannot reach it.
    /// </summary>
    public static SocketAddress? Destination(IPEndPoint remote, AddressFamily family, bool dualMode)
    {
        IPAddress address = remote.Address;
        if (family == AddressFamily.InterNetwork)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            return address.AddressFamily == AddressFamily.InterNetwork ? new IPEndPoint(address, remote.Port).Serialize() : null;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return dualMode ? new IPEndPoint(address.MapToIPv6(), remote.Port).Serialize() : null;
        }

        return new IPEndPoint(address, remote.Port).Serialize();
    }

    private static ReadOnlySpan<byte> AddressBytes(SocketAddress address)
    {
        ReadOnlySpan<byte> buffer = address.Buffer.Span[..address.Size];
        return address.Family switch
        {
            AddressFamily.InterNetwork when buffer.Length >= V4AddressOffset + 4 => buffer.Slice(V4AddressOffset, 4),
            AddressFamily.InterNetworkV6 when buffer.Length >= V6AddressOffset + 16 => buffer.Slice(V6AddressOffset, 16),
            _ => [],
        };
    }

    /// <summary>An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its 4 IPv4 bytes; anything else as is.</summary>
    private static ReadOnlySpan<byte> Normalise(ReadOnlySpan<byte> address) =>
        address.Length == 16 && address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF
            ? address[12..]
            : address;
}

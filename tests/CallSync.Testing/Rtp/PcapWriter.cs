using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace CallSync.Testing.Rtp;

/// <summary>
/// Writes UDP datagrams into a classic pcap file (link type Ethernet; IPv4 or IPv6; UDP with its checksum), with
/// each datagram's time: what sipp's <c>play_pcap_audio</c> replays, keeping the gaps between packets and sending
/// them to the negotiated media address (it takes only the UDP part and rewrites ports and checksum).
/// </summary>
public static class PcapWriter
{
    private const uint Magic = 0xA1B2C3D4;
    private const int LinkTypeEthernet = 1;
    private const int EthernetHeader = 14;
    private const int Ipv4Header = 20;
    private const int Ipv6Header = 40;
    private const int UdpHeader = 8;

    /// <summary>An arbitrary fixed epoch for the capture's timestamps (only the gaps matter).</summary>
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the stream's packets from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static void Write(string path, RtpStream stream, IPEndPoint source, IPEndPoint destination) =>
        Write(path, stream.Packets.Select(p => (p.SendTime, (ReadOnlyMemory<byte>)p.ToBytes())), source, destination);

    /// <summary>Writes datagrams (time from the start of the capture, UDP payload).</summary>
    public static void Write(string path, IEnumerable<(TimeSpan At, ReadOnlyMemory<byte> Payload)> datagrams, IPEndPoint source, IPEndPoint destination)
    {
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException("source and destination must both be IPv4 or both IPv6", nameof(destination));
        }

        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535); // snap length
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        file.Write(header);
        Span<byte> record = stackalloc byte[16];
        foreach (var (at, payload) in datagrams)
        {
            var frame = Frame(payload.Span, source, destination);
            var time = Epoch + at;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)time.ToUnixTimeSeconds());
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(time.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
            file.Write(record);
            file.Write(frame);
        }
    }

    /// <summary>One Ethernet frame holding the IP packet holding the UDP datagram.</summary>
    private static byte[] Frame(ReadOnlySpan<byte> payload, IPEndPoint source, IPEndPoint destination)
    {
        var v6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        var ip = v6 ? Ipv6Header : Ipv4Header;
        var udpLength = UdpHeader + payload.Length;
        var frame = new byte[EthernetHeader + ip + udpLength];
        var span = frame.AsSpan();

        // Locally administered MAC addresses; the ether type says which IP follows.
        span[0] = 0x02;
        span[6] = 0x02;
        span[11] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], v6 ? (ushort)0x86DD : (ushort)0x0800);

        var ipHeader = span.Slice(EthernetHeader, ip);
        var sourceBytes = source.Address.GetAddressBytes();
        var destinationBytes = destination.Address.GetAddressBytes();
        if (v6)
        {
            ipHeader[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ipHeader[4..], (ushort)udpLength);
            ipHeader[6] = 17; // UDP
            ipHeader[7] = 64; // hop limit
            sourceBytes.CopyTo(ipHeader[8..]);
            destinationBytes.CopyTo(ipHeader[24..]);
        }
        else
        {
            ipHeader[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ipHeader[2..], (ushort)(Ipv4Header + udpLength));
            BinaryPrimitives.WriteUInt16BigEndian(ipHeader[6..], 0x4000); // don't fragment
            ipHeader[8] = 64; // TTL
            ipHeader[9] = 17; // UDP
            sourceBytes.CopyTo(ipHeader[12..]);
            destinationBytes.CopyTo(ipHeader[16..]);
            BinaryPrimitives.WriteUInt16BigEndian(ipHeader[10..], Checksum(ipHeader, 0));
        }

        var udp = span[(EthernetHeader + ip)..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        payload.CopyTo(udp[UdpHeader..]);

        // The UDP checksum covers a pseudo-header: addresses, protocol and length (RFC 768, RFC 8200 section 8.1).
        var pseudo = Sum(sourceBytes) + Sum(destinationBytes) + 17 + (uint)udpLength;
        var checksum = Checksum(udp, pseudo);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return frame;
    }

    /// <summary>The Internet checksum (RFC 1071) of <paramref name="data"/>, starting from a partial sum.</summary>
    private static ushort Checksum(ReadOnlySpan<byte> data, uint partial)
    {
        var sum = partial + Sum(data);
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static uint Sum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)data[^1] << 8;
        }

        return sum;
    }
}

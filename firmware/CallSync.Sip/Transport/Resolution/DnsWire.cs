using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace CallSync.Sip.Transport.Resolution;

/// <summary>
/// The DNS message format (RFC 1035 section 4) as far as SIP server location needs it: one question out, SRV, A and
/// AAAA records in. Parsing never throws: a malformed answer yields false and the reason.
/// </summary>
public static class DnsWire
{
    /// <summary>Largest UDP answer read (RFC 1035 limit without EDNS is 512; some servers send more).</summary>
    public const int MaxUdpMessage = 4096;

    private const int HeaderLength = 12;
    private const int MaxNameLength = 255;
    private const int MaxPointerHops = 16;

    /// <summary>Writes a recursive query for <paramref name="name"/>; returns its length, 0 when the name is invalid or the buffer too small.</summary>
    public static int WriteQuery(Span<byte> destination, ushort id, string name, DnsRecordType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (destination.Length < HeaderLength + MaxNameLength + 1 + 4)
        {
            return 0;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0x0100); // RD: recursion desired
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], 1);
        destination.Slice(6, 6).Clear();
        int at = HeaderLength;
        var trimmed = name.TrimEnd('.');
        if (trimmed.Length is 0 or > MaxNameLength - 2)
        {
            return 0;
        }

        foreach (var label in trimmed.Split('.'))
        {
            int length = Encoding.ASCII.GetByteCount(label);
            if (length is 0 or > 63 || label.Any(c => c > 0x7E || c <= 0x20))
            {
                return 0;
            }

            destination[at++] = (byte)length;
            at += Encoding.ASCII.GetBytes(label, destination[at..]);
        }

        destination[at++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], 1); // class IN
        return at + 4;
    }

    /// <summary>Parses the answer to query <paramref name="id"/>; false with <paramref name="error"/> when it is malformed or not ours.</summary>
    public static bool TryParseResponse(ReadOnlySpan<byte> message, ushort id, out DnsResponse? response, out string? error)
    {
        response = null;
        if (message.Length < HeaderLength)
        {
            error = "shorter than a DNS header";
            return false;
        }

        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        if (BinaryPrimitives.ReadUInt16BigEndian(message) != id || (flags & 0x8000) == 0)
        {
            error = "not the answer to our query";
            return false;
        }

        int questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        int records = BinaryPrimitives.ReadUInt16BigEndian(message[6..]) + BinaryPrimitives.ReadUInt16BigEndian(message[8..]) + BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        var result = new DnsResponse { ResponseCode = flags & 0x000F, Truncated = (flags & 0x0200) != 0 };
        int at = HeaderLength;
        for (int q = 0; q < questions; q++)
        {
            if (!TryReadName(message, ref at, out _) || at + 4 > message.Length)
            {
                error = "truncated question";
                return false;
            }

            at += 4;
        }

        for (int r = 0; r < records && at < message.Length; r++)
        {
            if (!TryReadName(message, ref at, out var owner) || at + 10 > message.Length)
            {
                error = "truncated resource record";
                return false;
            }

            var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 8)..]);
            int data = at + 10;
            if (data + length > message.Length)
            {
                error = "record data runs past the end";
                return false;
            }

            switch (type)
            {
                case DnsRecordType.A when length == 4:
                case DnsRecordType.Aaaa when length == 16:
                    result.AddAddress(owner!, new IPAddress(message.Slice(data, length)));
                    break;
                case DnsRecordType.Srv when length >= 7:
                    int target = data + 6;
                    if (!TryReadName(message, ref target, out var host) || target > data + length)
                    {
                        error = "malformed SRV target";
                        return false;
                    }

                    result.Services.Add(new SrvRecord(
                        BinaryPrimitives.ReadUInt16BigEndian(message[data..]),
                        BinaryPrimitives.ReadUInt16BigEndian(message[(data + 2)..]),
                        BinaryPrimitives.ReadUInt16BigEndian(message[(data + 4)..]),
                        host!));
                    break;
                default:
                    break; // CNAME and others: the addresses that matter come with their own owner names
            }

            at = data + length;
        }

        response = result;
        error = null;
        return true;
    }

    /// <summary>Reads a possibly compressed name at <paramref name="at"/>, moving it past the name's bytes in place.</summary>
    private static bool TryReadName(ReadOnlySpan<byte> message, ref int at, out string? name)
    {
        name = null;
        var builder = new StringBuilder();
        int position = at;
        int end = -1;
        for (int hops = 0; ;)
        {
            if (position >= message.Length)
            {
                return false;
            }

            int length = message[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length || ++hops > MaxPointerHops)
                {
                    return false;
                }

                if (end < 0)
                {
                    end = position + 2;
                }

                int pointer = ((length & 0x3F) << 8) | message[position + 1];
                if (pointer >= position)
                {
                    return false; // pointers go backwards only, which also rules out loops
                }

                position = pointer;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                return false;
            }

            if (length == 0)
            {
                at = end < 0 ? position + 1 : end;
                name = builder.ToString().ToLowerInvariant();
                return true;
            }

            if (position + 1 + length > message.Length || builder.Length + length + 1 > MaxNameLength)
            {
                return false;
            }

            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(Encoding.ASCII.GetString(message.Slice(position + 1, length)));
            position += 1 + length;
        }
    }
}

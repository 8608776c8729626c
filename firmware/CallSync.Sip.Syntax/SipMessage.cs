using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// A parsed SIP message (RFC 3261 section 7): immutable, it keeps its own copy of the bytes and the offsets of
/// each header, and builds typed values (Via, From, CSeq...) only when first asked for. To change a message,
/// use <see cref="SipRequest.ToBuilder"/> / <see cref="SipResponse.ToBuilder"/>.
/// </summary>
public abstract partial class SipMessage
{
    private readonly byte[] _data;
    private readonly int _startLineLength;
    private readonly int _bodyStart;
    private readonly int _bodyLength;

    private protected SipMessage(byte[] data, int startLineLength, HeaderEntry[] entries, int bodyStart, int bodyLength)
    {
        _data = data;
        _startLineLength = startLineLength;
        _bodyStart = bodyStart;
        _bodyLength = bodyLength;
        Headers = new SipHeaderCollection(data, entries);
    }

    /// <summary>The header lines in wire order.</summary>
    public SipHeaderCollection Headers { get; }

    /// <summary>The body (exactly Content-Length bytes; empty when there is none).</summary>
    public ReadOnlyMemory<byte> Body => _data.AsMemory(_bodyStart, _bodyLength);

    /// <summary>Length of <see cref="Body"/> in bytes.</summary>
    public int ContentLength => _bodyLength;

    /// <summary>True for <see cref="SipRequest"/>.</summary>
    public abstract bool IsRequest { get; }

    internal byte[] Data => _data;

    internal ReadOnlySpan<byte> StartLine => _data.AsSpan(0, _startLineLength);

    /// <summary>
    /// Parses one whole message: a datagram, or a message the stream decoder has already framed. Never throws
    /// on input. The bytes are copied, so <paramref name="data"/> may be reused after the call.
    /// </summary>
    /// <param name="data">The message; leading CRLFs are skipped, bytes after the body are ignored.</param>
    /// <param name="message">The message when the result is true.</param>
    /// <param name="error">Why the message was rejected; <see cref="SipParseError.None"/> on success.</param>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out SipMessage? message, out SipParseError error)
        => SipMessageParser.TryParse(data, out message, out error);

    /// <summary>Number of bytes <see cref="TryWrite"/> will write.</summary>
    public int GetByteCount()
    {
        var n = _startLineLength + 2 + 2 + _bodyLength;
        foreach (ref readonly var e in Headers.Entries)
        {
            n += e.NameLength + 2 + e.ValueLength + 2;
        }

        return n;
    }

    /// <summary>
    /// Writes the message into <paramref name="destination"/>: start line, headers in their parsed order as
    /// written, an empty line and the body. False (nothing useful written) when the buffer is too small.
    /// </summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < GetByteCount())
        {
            return false;
        }

        var data = _data.AsSpan();
        var pos = 0;
        data[.._startLineLength].CopyTo(destination);
        pos += _startLineLength;
        "\r\n"u8.CopyTo(destination[pos..]);
        pos += 2;
        foreach (ref readonly var e in Headers.Entries)
        {
            data.Slice(e.NameStart, e.NameLength).CopyTo(destination[pos..]);
            pos += e.NameLength;
            ": "u8.CopyTo(destination[pos..]);
            pos += 2;
            data.Slice(e.ValueStart, e.ValueLength).CopyTo(destination[pos..]);
            pos += e.ValueLength;
            "\r\n"u8.CopyTo(destination[pos..]);
            pos += 2;
        }

        "\r\n"u8.CopyTo(destination[pos..]);
        pos += 2;
        data.Slice(_bodyStart, _bodyLength).CopyTo(destination[pos..]);
        pos += _bodyLength;
        written = pos;
        return true;
    }

    /// <summary>Writes the message to <paramref name="writer"/>.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var n = GetByteCount();
        var span = writer.GetSpan(n);
        TryWrite(span, out var written);
        writer.Advance(written);
    }

    /// <summary>The serialised message as a new array.</summary>
    public byte[] ToArray()
    {
        var result = new byte[GetByteCount()];
        TryWrite(result, out _);
        return result;
    }

    /// <summary>The serialised message as text (UTF-8), for logs and tests.</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToArray());
}

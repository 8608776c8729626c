using System.Buffers;
using System.Globalization;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// A mutable message under construction: an ordered header list and a body. Parsed messages are immutable; the
/// user agent builds new ones here (or edits a copy from <c>ToBuilder()</c>). Content-Length is always written
/// from the actual body, at the position of an existing Content-Length header or last.
/// </summary>
public abstract class SipMessageBuilder
{
    private readonly List<SipHeader> _headers = new(16);

    private protected SipMessageBuilder()
    {
    }

    /// <summary>The headers in order.</summary>
    public IReadOnlyList<SipHeader> Headers => _headers;

    /// <summary>The body (empty by default).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Appends a header line.</summary>
    /// <exception cref="ArgumentException">The name is not a token or the value contains CR or LF.</exception>
    public SipMessageBuilder AddHeader(string name, string value)
    {
        _headers.Add(Checked(name, value));
        return this;
    }

    /// <summary>Appends a line taken from a parsed message (already valid: it may hold quoted control bytes).</summary>
    internal void AddParsedHeader(string name, string value) => _headers.Add(new SipHeader(name, value));

    /// <summary>Inserts a header line at <paramref name="index"/> (0 = first, e.g. a new top Via).</summary>
    public SipMessageBuilder InsertHeader(int index, string name, string value)
    {
        _headers.Insert(index, Checked(name, value));
        return this;
    }

    /// <summary>
    /// Sets a single-valued header: replaces the first line with that name (long or compact form) and removes the
    /// others, or appends when absent.
    /// </summary>
    public SipMessageBuilder SetHeader(string name, string value)
    {
        var h = Checked(name, value);
        var first = IndexOf(name);
        if (first < 0)
        {
            _headers.Add(h);
            return this;
        }

        _headers[first] = h;
        for (var i = _headers.Count - 1; i > first; i--)
        {
            if (_headers[i].Is(name))
            {
                _headers.RemoveAt(i);
            }
        }

        return this;
    }

    /// <summary>Removes every line with that name (long or compact form); returns how many.</summary>
    public int RemoveHeader(string name) => _headers.RemoveAll(h => h.Is(name));

    /// <summary>Removes the line at <paramref name="index"/>.</summary>
    public void RemoveHeaderAt(int index) => _headers.RemoveAt(index);

    /// <summary>The value of the first line with that name, or null.</summary>
    public string? GetHeader(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : _headers[i].Value;
    }

    /// <summary>Index of the first line with that name (long or compact form), or -1.</summary>
    public int IndexOf(string name) => _headers.FindIndex(h => h.Is(name));

    /// <summary>Sets the body and its Content-Type.</summary>
    public SipMessageBuilder SetBody(ReadOnlyMemory<byte> body, string contentType)
    {
        Body = body;
        SetHeader(SipHeaderNames.ContentType, contentType);
        return this;
    }

    /// <summary>Number of bytes <see cref="TryWrite"/> will write.</summary>
    public int GetByteCount()
    {
        var n = Encoding.UTF8.GetByteCount(GetStartLine()) + 2;
        var hasLength = false;
        foreach (var h in _headers)
        {
            if (h.Is(SipHeaderNames.ContentLength))
            {
                if (hasLength)
                {
                    continue;
                }

                hasLength = true;
                n += Encoding.UTF8.GetByteCount(h.Name) + 2 + LengthText().Length + 2;
                continue;
            }

            n += Encoding.UTF8.GetByteCount(h.Name) + 2 + Encoding.UTF8.GetByteCount(h.Value) + 2;
        }

        if (!hasLength)
        {
            n += SipHeaderNames.ContentLength.Length + 2 + LengthText().Length + 2;
        }

        return n + 2 + Body.Length;
    }

    /// <summary>Writes the message into <paramref name="destination"/>; false when it does not fit.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < GetByteCount())
        {
            return false;
        }

        var pos = Encoding.UTF8.GetBytes(GetStartLine(), destination);
        pos += Put("\r\n"u8, destination[pos..]);
        var hasLength = false;
        foreach (var h in _headers)
        {
            var value = h.Value;
            if (h.Is(SipHeaderNames.ContentLength))
            {
                if (hasLength)
                {
                    continue;
                }

                hasLength = true;
                value = LengthText();
            }

            pos += Encoding.UTF8.GetBytes(h.Name, destination[pos..]);
            pos += Put(": "u8, destination[pos..]);
            pos += Encoding.UTF8.GetBytes(value, destination[pos..]);
            pos += Put("\r\n"u8, destination[pos..]);
        }

        if (!hasLength)
        {
            pos += Encoding.UTF8.GetBytes(SipHeaderNames.ContentLength + ": " + LengthText() + "\r\n", destination[pos..]);
        }

        pos += Put("\r\n"u8, destination[pos..]);
        Body.Span.CopyTo(destination[pos..]);
        written = pos + Body.Length;
        return true;
    }

    /// <summary>Writes the message to <paramref name="writer"/>.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(GetByteCount());
        TryWrite(span, out var n);
        writer.Advance(n);
    }

    /// <summary>The serialised message as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[GetByteCount()];
        TryWrite(bytes, out _);
        return bytes;
    }

    /// <summary>The serialised message as text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToArray());

    private protected abstract string GetStartLine();

    private protected SipMessage BuildMessage()
    {
        var bytes = ToArray();
        if (!SipMessage.TryParse(bytes, out var message, out var error))
        {
            throw new InvalidOperationException("The built message is not valid SIP: " + error.Reason);
        }

        return message;
    }

    private string LengthText() => Body.Length.ToString(CultureInfo.InvariantCulture);

    private static int Put(ReadOnlySpan<byte> s, Span<byte> destination)
    {
        s.CopyTo(destination);
        return s.Length;
    }

    private static SipHeader Checked(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!SipChars.IsToken(name.AsSpan()))
        {
            throw new ArgumentException("A header name is a token.", nameof(name));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0 || value.AsSpan().IndexOf('\0') >= 0)
        {
            throw new ArgumentException("A header value must not contain CR, LF or NUL.", nameof(value));
        }

        return new SipHeader(name, value.Trim());
    }
}

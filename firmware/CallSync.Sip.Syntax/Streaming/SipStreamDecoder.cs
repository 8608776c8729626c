using System.Buffers;

namespace CallSync.Sip.Syntax;

/// <summary>
/// Frames SIP messages on a byte stream (TCP, TLS; RFC 3261 18.3): finds the end of the header section, reads
/// Content-Length, waits for the body. Resumable: between calls it remembers how far it has scanned, so feeding a
/// growing buffer costs O(n) overall. Leading CRLFs are skipped and a CRLFCRLF ping is reported (RFC 5626 3.5.1).
/// One instance per connection; not thread-safe.
/// </summary>
public sealed class SipStreamDecoder
{
    private readonly int _maxMessageBytes;
    private int _scanned;
    private int _headerEnd = -1;
    private int _contentLength;

    /// <summary>Creates a decoder that rejects messages (headers plus body) above <paramref name="maxMessageBytes"/>.</summary>
    public SipStreamDecoder(int maxMessageBytes = SipLimits.MaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessageBytes, SipLimits.MaxMessageBytes);
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>Forgets any partial scan (after the connection's buffer was discarded).</summary>
    public void Reset()
    {
        _scanned = 0;
        _headerEnd = -1;
        _contentLength = 0;
    }

    /// <summary>
    /// Decodes from <paramref name="buffered"/>, which must start where the previous call's consumed bytes ended
    /// (or at the same place when it returned <see cref="SipDecodeStatus.NeedMoreData"/>).
    /// </summary>
    /// <param name="buffered">The unconsumed bytes received so far.</param>
    /// <param name="message">The message, for <see cref="SipDecodeStatus.Complete"/>.</param>
    /// <param name="consumed">Bytes to drop from the front of the buffer.</param>
    /// <param name="error">Why, for <see cref="SipDecodeStatus.Invalid"/> and <see cref="SipDecodeStatus.Error"/>.</param>
    public SipDecodeStatus Decode(ReadOnlySpan<byte> buffered, out SipMessage? message, out int consumed, out SipParseError error)
    {
        message = null;
        consumed = 0;
        error = SipParseError.None;

        var lead = buffered.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        if (lead != 0)
        {
            // Only CR/LF so far, or CR/LF in front of a message.
            if (buffered.StartsWith("\r\n\r\n"u8))
            {
                Reset();
                consumed = 4;
                return SipDecodeStatus.KeepAlive;
            }

            if (lead < 0)
            {
                return SipDecodeStatus.NeedMoreData;
            }
        }

        var msg = buffered[lead..];
        if (_headerEnd < 0)
        {
            var from = Math.Max(0, _scanned - 3);
            var end = FindHeaderEnd(msg, from);
            if (end < 0)
            {
                if (msg.Length > _maxMessageBytes)
                {
                    return Fail("Header section too large", out error);
                }

                _scanned = msg.Length;
                return SipDecodeStatus.NeedMoreData;
            }

            if (end > _maxMessageBytes)
            {
                return Fail("Header section too large", out error);
            }

            if (!TryFindContentLength(msg[..end], out var cl, out var reason))
            {
                return Fail(reason, out error);
            }

            if (end + cl > _maxMessageBytes)
            {
                return Fail("Message too large", out error);
            }

            _headerEnd = end;
            _contentLength = cl;
        }

        var total = _headerEnd + _contentLength;
        if (msg.Length < total)
        {
            return SipDecodeStatus.NeedMoreData;
        }

        Reset();
        consumed = lead + total;
        if (SipMessage.TryParse(msg[..total], out message, out error))
        {
            return SipDecodeStatus.Complete;
        }

        return SipDecodeStatus.Invalid;
    }

    /// <summary>
    /// The same over a <see cref="ReadOnlySequence{T}"/> from a PipeReader: pass <paramref name="consumed"/> and
    /// <paramref name="examined"/> to <c>AdvanceTo</c>.
    /// </summary>
    public SipDecodeStatus Decode(in ReadOnlySequence<byte> buffered, out SipMessage? message, out SequencePosition consumed, out SequencePosition examined, out SipParseError error)
    {
        SipDecodeStatus status;
        int n;
        if (buffered.IsSingleSegment)
        {
            status = Decode(buffered.FirstSpan, out message, out n, out error);
        }
        else
        {
            // Multi-segment: look at no more than one maximal message plus slack for leading CRLFs.
            var length = (int)Math.Min(buffered.Length, _maxMessageBytes + 1024);
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                buffered.Slice(0, length).CopyTo(rented);
                status = Decode(rented.AsSpan(0, length), out message, out n, out error);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        consumed = buffered.GetPosition(n);
        examined = status == SipDecodeStatus.NeedMoreData ? buffered.End : consumed;
        return status;
    }

    private SipDecodeStatus Fail(string reason, out SipParseError error)
    {
        Reset();
        error = new SipParseError(reason, 0, null);
        return SipDecodeStatus.Error;
    }

    /// <summary>Index just past the empty line ending the header section (CRLF CRLF, or bare LFs), or -1.</summary>
    private static int FindHeaderEnd(ReadOnlySpan<byte> s, int from)
    {
        var i = from;
        while (i < s.Length)
        {
            var nl = s[i..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return -1;
            }

            var p = i + nl + 1;
            if (p < s.Length && s[p] == '\n')
            {
                return p + 1;
            }

            if (p + 1 < s.Length && s[p] == '\r' && s[p + 1] == '\n')
            {
                return p + 2;
            }

            if (p >= s.Length || (p + 1 >= s.Length && s[p] == '\r'))
            {
                return -1;
            }

            i = p;
        }

        return -1;
    }

    private static bool TryFindContentLength(ReadOnlySpan<byte> headers, out int length, out string reason)
    {
        length = 0;
        reason = string.Empty;
        var found = false;
        var pos = headers.IndexOf((byte)'\n') + 1;
        while (pos < headers.Length)
        {
            var nl = headers[pos..].IndexOf((byte)'\n');
            var line = nl < 0 ? headers[pos..] : headers[pos..(pos + nl)];
            pos = nl < 0 ? headers.Length : pos + nl + 1;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].TrimEnd(" \t"u8);
            if (!System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && !System.Text.Ascii.EqualsIgnoreCase(name, "l"u8))
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim(" \t\r"u8);
            if (!SipMessageParser.TryParseDigits(value, out var v) || v > SipLimits.MaxMessageBytes)
            {
                reason = "Invalid Content-Length";
                return false;
            }

            if (found && v != length)
            {
                reason = "Conflicting Content-Length headers";
                return false;
            }

            found = true;
            length = (int)v;
        }

        // RFC 3261 18.3 requires Content-Length on streams; a missing one is read as 0 (no body).
        return true;
    }
}

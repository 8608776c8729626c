using System.Diagnostics.CodeAnalysis;

namespace CallSync.Sip.Syntax;

/// <summary>
/// The one SIP message parser (RFC 3261 sections 7 and 25). It scans the header section once, records each
/// header's offsets, checks the cheap scalar fields (Content-Length, CSeq, Max-Forwards) and the structure, and
/// leaves everything else to on-demand accessors. It never throws on input.
/// </summary>
internal static class SipMessageParser
{
    internal static bool TryParse(ReadOnlySpan<byte> input, [NotNullWhen(true)] out SipMessage? message, out SipParseError error)
    {
        message = null;
        if (input.Length > SipLimits.MaxMessageBytes)
        {
            error = new SipParseError("Message Too Large", 513, null);
            return false;
        }

        // RFC 3261 7.5: empty lines before the start line are ignored (and CRLF keep-alives, RFC 5626 3.5.1).
        var skip = input.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        if (skip < 0)
        {
            error = SipParseError.Drop("Empty message");
            return false;
        }

        var data = input[skip..];
        var lineEnd = data.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            error = SipParseError.Drop("Start line not terminated");
            return false;
        }

        var startLine = data[..(lineEnd > 0 && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd)];
        if (startLine.Contains((byte)'\r'))
        {
            error = SipParseError.Drop("Bare CR in start line");
            return false;
        }

        // Header lines.
        // Most messages carry fewer than 32 headers: start on the stack, move to a pooled array beyond that.
        Span<HeaderEntry> scratch = stackalloc HeaderEntry[32];
        HeaderEntry[]? rented = null;
        try
        {
            return TryParseHeaders(data, startLine, lineEnd, ref scratch, ref rented, out message, out error);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<HeaderEntry>.Shared.Return(rented);
            }
        }
    }

    private static bool TryParseHeaders(ReadOnlySpan<byte> data, ReadOnlySpan<byte> startLine, int lineEnd, ref Span<HeaderEntry> scratch, ref HeaderEntry[]? rented, out SipMessage? message, out SipParseError error)
    {
        message = null;
        var startLineLength = startLine.Length;
        var count = 0;
        var pos = lineEnd + 1;
        var bodyStart = -1;
        while (pos < data.Length)
        {
            var rest = data[pos..];
            var nl = rest.IndexOf((byte)'\n');
            if (nl < 0)
            {
                break;
            }

            var line = rest[..nl];
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.Length == 0)
            {
                bodyStart = pos + nl + 1;
                break;
            }

            if (line.Contains((byte)'\r'))
            {
                error = SipParseError.Drop("Bare CR in header section");
                return false;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                // RFC 3261 7.3.1: continuation of the previous header value.
                if (count == 0)
                {
                    error = SipParseError.Drop("Continuation line before any header");
                    return false;
                }

                var trimmed = SipChars.TrimWs(line);
                if (trimmed.Length > 0)
                {
                    ref var prev = ref scratch[count - 1];
                    var end = pos + (line.Length - (line.Length - line.TrimEnd(" \t"u8).Length));
                    var valueStart = prev.ValueLength == 0 ? pos + (line.Length - line.TrimStart(" \t"u8).Length) : prev.ValueStart;
                    prev = prev with { ValueStart = valueStart, ValueLength = end - valueStart, Folded = prev.ValueLength != 0 };
                }

                pos += nl + 1;
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                error = SipParseError.Drop("Header line without a name and colon");
                return false;
            }

            var name = line[..colon].TrimEnd(" \t"u8);
            if (!SipChars.IsToken(name))
            {
                error = SipParseError.Drop("Invalid header name");
                return false;
            }

            if (count == scratch.Length)
            {
                if (count == SipLimits.MaxHeaderCount)
                {
                    error = SipParseError.Drop("Too many header lines");
                    return false;
                }

                var bigger = System.Buffers.ArrayPool<HeaderEntry>.Shared.Rent(SipLimits.MaxHeaderCount);
                scratch.CopyTo(bigger);
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<HeaderEntry>.Shared.Return(rented);
                }

                rented = bigger;
                scratch = bigger.AsSpan(0, SipLimits.MaxHeaderCount);
            }

            var value = line[(colon + 1)..];
            var lead = value.Length - value.TrimStart(" \t"u8).Length;
            value = SipChars.TrimWs(value);
            var vs = pos + colon + 1 + lead;
            scratch[count++] = new HeaderEntry(SipHeaderTable.GetKind(name), pos, name.Length, value.Length == 0 ? pos + colon + 1 : vs, value.Length, false);
            pos += nl + 1;
        }

        if (bodyStart < 0)
        {
            error = SipParseError.Drop("Header section not terminated by an empty line");
            return false;
        }

        if (data[..bodyStart].ContainsAny(SipChars.ForbiddenHeaderBytes) && !ControlsOnlyQuoted(data[..bodyStart]))
        {
            error = SipParseError.Drop("Control character in header section");
            return false;
        }

        // Content-Length: the body is exactly that long; without it a datagram's body is the rest (RFC 3261 18.3).
        var bodyLength = data.Length - bodyStart;
        var contentLengthSeen = false;
        string? deferred = null;
        var deferredStatus = 400;
        for (var i = 0; i < count; i++)
        {
            if (scratch[i].Kind != SipHeaderKind.ContentLength)
            {
                continue;
            }

            var raw = data.Slice(scratch[i].ValueStart, scratch[i].ValueLength);
            if (!TryParseDigits(raw, out var cl) || cl > SipLimits.MaxMessageBytes)
            {
                deferred ??= "Invalid Content-Length";
                continue;
            }

            if (contentLengthSeen && cl != bodyLength)
            {
                deferred ??= "Conflicting Content-Length headers";
                continue;
            }

            if (cl > data.Length - bodyStart)
            {
                deferred ??= "Content-Length larger than the message";
                continue;
            }

            bodyLength = (int)cl;
            contentLengthSeen = true;
        }

        if (deferred is not null)
        {
            bodyLength = 0;
        }

        // The message keeps its own copy: the header section plus the body, nothing after it.
        var owned = data[..(bodyStart + bodyLength)].ToArray();
        var entries = scratch[..count].ToArray();

        if (startLine.Length >= 4 && System.Text.Ascii.EqualsIgnoreCase(startLine[..4], "SIP/"u8))
        {
            return TryParseResponse(owned, startLine, entries, bodyStart, bodyLength, deferred, out message, out error);
        }

        // Request-Line = Method SP Request-URI SP SIP-Version, single SPs (RFC 3261 7.1).
        var sp1 = startLine.IndexOf((byte)' ');
        var sp2 = sp1 < 0 ? -1 : startLine[(sp1 + 1)..].IndexOf((byte)' ');
        if (sp1 <= 0 || sp2 <= 0)
        {
            error = SipParseError.Drop("Malformed request line");
            return false;
        }

        sp2 += sp1 + 1;
        var version = startLine[(sp2 + 1)..];
        if (!SipMethod.TryParse(startLine[..sp1], out var method))
        {
            error = SipParseError.Drop("Invalid method");
            return false;
        }

        var request = new SipRequest(owned, startLineLength, method!, sp1 + 1, sp2 - sp1 - 1, entries, bodyStart, bodyLength);
        var uri = startLine[(sp1 + 1)..sp2];

        if (version.Contains((byte)' ') || version.Contains((byte)'\t'))
        {
            deferred ??= "Malformed request line";
        }
        else if (!System.Text.Ascii.EqualsIgnoreCase(version, "SIP/2.0"u8))
        {
            if (deferred is null && version.Length > 4 && System.Text.Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
            {
                deferred = "Version Not Supported";
                deferredStatus = 505;
            }
            else
            {
                deferred ??= "Malformed request line";
            }
        }

        if (deferred is null && !IsPlausibleRequestUri(uri, out var uriReason))
        {
            deferred = uriReason;
        }

        var check = CheckCommonHeaders(request, method);
        deferred ??= check;

        if (deferred is not null)
        {
            var canRespond = HasResponseHeaders(request);
            error = new SipParseError(deferred, canRespond ? deferredStatus : 0, canRespond ? request : null);
            return false;
        }

        message = request;
        error = SipParseError.None;
        return true;
    }

    private static bool TryParseResponse(byte[] owned, ReadOnlySpan<byte> startLine, HeaderEntry[] entries, int bodyStart, int bodyLength, string? deferred, out SipMessage? message, out SipParseError error)
    {
        message = null;

        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 7.2); an empty reason is tolerated.
        var sp1 = startLine.IndexOf((byte)' ');
        if (sp1 < 0 || !System.Text.Ascii.EqualsIgnoreCase(startLine[..sp1], "SIP/2.0"u8))
        {
            error = SipParseError.Drop("Unsupported or malformed status line version");
            return false;
        }

        var rest = startLine[(sp1 + 1)..];
        var sp2 = rest.IndexOf((byte)' ');
        var code = sp2 < 0 ? rest : rest[..sp2];
        if (code.Length != 3 || !TryParseDigits(code, out var status) || status < 100 || status > 699)
        {
            error = SipParseError.Drop("Invalid status code");
            return false;
        }

        var reasonStart = sp2 < 0 ? startLine.Length : sp1 + 1 + sp2 + 1;
        var response = new SipResponse(owned, startLine.Length, (int)status, reasonStart, startLine.Length - reasonStart, entries, bodyStart, bodyLength);
        deferred ??= CheckCommonHeaders(response, null);
        if (deferred is not null)
        {
            error = SipParseError.Drop(deferred);
            return false;
        }

        message = response;
        error = SipParseError.None;
        return true;
    }

    private static string? CheckCommonHeaders(SipMessage message, SipMethod? requestMethod)
    {
        var headers = message.Headers;
        var cseqIndex = headers.IndexOf(SipHeaderKind.CSeq);
        if (cseqIndex < 0)
        {
            return "Missing CSeq";
        }

        if (!SipCSeq.TryParse(headers.GetRawValue(cseqIndex), out var cseq))
        {
            return "Invalid CSeq";
        }

        // RFC 3261 8.1.1.5: the CSeq method matches the request method.
        if (requestMethod is not null && !requestMethod.Equals(cseq.Method))
        {
            return "CSeq method does not match the request method";
        }

        var callId = headers.IndexOf(SipHeaderKind.CallId);
        if (callId < 0 || headers.GetRawValue(callId).Length == 0)
        {
            return "Missing Call-ID";
        }

        if (headers.IndexOf(SipHeaderKind.From) < 0)
        {
            return "Missing From";
        }

        if (headers.IndexOf(SipHeaderKind.To) < 0)
        {
            return "Missing To";
        }

        if (headers.IndexOf(SipHeaderKind.Via) < 0)
        {
            return "Missing Via";
        }

        var mf = headers.IndexOf(SipHeaderKind.MaxForwards);
        if (mf >= 0 && (!TryParseDigits(headers.GetRawValue(mf), out var hops) || hops > 255))
        {
            return "Invalid Max-Forwards";
        }

        return null;
    }

    private static bool HasResponseHeaders(SipRequest request)
    {
        var h = request.Headers;
        // The response copies these lines verbatim, so presence is enough (a malformed CSeq still gets its 400).
        return h.IndexOf(SipHeaderKind.Via) >= 0 && h.IndexOf(SipHeaderKind.From) >= 0 && h.IndexOf(SipHeaderKind.To) >= 0
            && h.IndexOf(SipHeaderKind.CallId) >= 0 && h.IndexOf(SipHeaderKind.CSeq) >= 0;
    }

    private static bool IsPlausibleRequestUri(ReadOnlySpan<byte> uri, out string? reason)
    {
        reason = null;
        var colon = uri.IndexOf((byte)':');
        if (colon <= 0 || !char.IsAsciiLetter((char)uri[0]) || uri.ContainsAny("<>\"\t "u8) || uri.Count((byte)'[') != uri.Count((byte)']'))
        {
            reason = "Malformed Request-URI";
            return false;
        }

        var scheme = uri[..colon];
        if (System.Text.Ascii.EqualsIgnoreCase(scheme, "sip"u8) || System.Text.Ascii.EqualsIgnoreCase(scheme, "sips"u8))
        {
            // RFC 3261 19.1.1, table 1: URI headers are not allowed in a Request-URI.
            var at = uri.IndexOf((byte)'@');
            if (uri[(at < 0 ? colon : at)..].Contains((byte)'?'))
            {
                reason = "Headers not allowed in the Request-URI";
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Slow path when a control byte was seen: RFC 3261 25.1 allows any byte but CR and LF as a quoted-pair
    /// inside a quoted string (RFC 4475 3.1.1.2), nowhere else.
    /// </summary>
    private static bool ControlsOnlyQuoted(ReadOnlySpan<byte> section)
    {
        var quoted = false;
        for (var i = 0; i < section.Length; i++)
        {
            var b = section[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                quoted = false;
                continue;
            }

            if (quoted && b == '\\' && i + 1 < section.Length && section[i + 1] is not ((byte)'\r' or (byte)'\n'))
            {
                i++;
                continue;
            }

            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (SipChars.ForbiddenHeaderBytes.Contains(b))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TryParseDigits(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 18)
        {
            return false;
        }

        foreach (var b in s)
        {
            var d = b - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}

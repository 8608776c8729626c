using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>Helpers over header value text: quoted strings, top-level list splitting, %HH escapes.</summary>
internal static class SipText
{
    /// <summary>Index just past the closing quote of the quoted string starting at <paramref name="start"/>, or -1.</summary>
    internal static int SkipQuoted(ReadOnlySpan<char> s, int start)
    {
        for (var i = start + 1; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == '"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The content of a quoted string with quoted-pairs resolved (RFC 3261 25.1).</summary>
    internal static string Unquote(ReadOnlySpan<char> quoted)
    {
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            return quoted.ToString();
        }

        var inner = quoted[1..^1];
        if (!inner.Contains('\\'))
        {
            return inner.ToString();
        }

        var sb = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            sb.Append(inner[i]);
        }

        return sb.ToString();
    }

    /// <summary>
    /// A display name or parameter value as a quoted-string (RFC 3261 25.1): quote, backslash and control characters
    /// become quoted-pairs; CR, LF and NUL, which a header line cannot carry, become spaces (see <see cref="OneLine"/>).
    /// </summary>
    internal static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in OneLine(value))
        {
            // qdtext takes HTAB (as LWS) and everything visible but quote and backslash; the rest needs a backslash.
            if (c is '"' or '\\' || (c < ' ' && c != '\t') || c == '\u007f')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }

    /// <summary>The text with CR, LF and NUL replaced by spaces: what a one-line header value can hold.</summary>
    internal static string OneLine(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0 ? value : value.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');

    /// <summary>
    /// Splits a comma-separated header value at top-level commas (outside quotes and angle brackets).
    /// False when quotes or brackets are unbalanced or an element is empty (RFC 4475 3.1.2.1).
    /// </summary>
    internal static bool TrySplitList(ReadOnlySpan<char> s, List<Range> ranges)
    {
        var start = 0;
        var angle = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                var end = SkipQuoted(s, i);
                if (end < 0)
                {
                    return false;
                }

                i = end - 1;
            }
            else if (c == '<')
            {
                if (angle)
                {
                    return false;
                }

                angle = true;
            }
            else if (c == '>')
            {
                if (!angle)
                {
                    return false;
                }

                angle = false;
            }
            else if (c == ',' && !angle)
            {
                if (!AddElement(s, start, i, ranges))
                {
                    return false;
                }

                start = i + 1;
            }
        }

        return !angle && AddElement(s, start, s.Length, ranges);
    }

    private static bool AddElement(ReadOnlySpan<char> s, int start, int end, List<Range> ranges)
    {
        var part = s[start..end];
        var lead = part.Length - part.TrimStart(" \t\r\n").Length;
        var trimmed = SipChars.TrimLws(part);
        if (trimmed.Length == 0)
        {
            return false;
        }

        ranges.Add(new Range(start + lead, start + lead + trimmed.Length));
        return true;
    }

    /// <summary>Resolves %HH escapes (RFC 3261 25.1) and decodes the bytes as UTF-8; false on a broken escape.</summary>
    internal static bool TryUnescape(ReadOnlySpan<char> s, out string result)
    {
        if (!s.Contains('%'))
        {
            result = s.ToString();
            return true;
        }

        var bytes = new byte[s.Length * 3];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    result = string.Empty;
                    return false;
                }

                bytes[n++] = (byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2]));
                i += 2;
            }
            else
            {
                n += Encoding.UTF8.GetBytes(s.Slice(i, 1), bytes.AsSpan(n));
            }
        }

        result = Encoding.UTF8.GetString(bytes, 0, n);
        return true;
    }

    /// <summary>Escapes every character outside <paramref name="allowed"/> as %HH of its UTF-8 bytes.</summary>
    internal static string Escape(string value, System.Buffers.SearchValues<char> allowed, bool keepNonAscii = false)
    {
        if (!value.AsSpan().ContainsAnyExcept(allowed))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        Span<byte> buf = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (allowed.Contains(c) || (keepNonAscii && c >= '\u0080'))
            {
                sb.Append(c);
                continue;
            }

            var len = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
            var n = Encoding.UTF8.GetBytes(value.AsSpan(i, len), buf);
            i += len - 1;
            for (var k = 0; k < n; k++)
            {
                sb.Append('%').Append(buf[k].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Like <see cref="Escape"/> for text kept in its wire form: a valid %HH escape stays, a lone '%' and every other
    /// character outside <paramref name="allowed"/> is escaped.
    /// </summary>
    internal static string EscapeKeepingEscapes(string value, System.Buffers.SearchValues<char> allowed, bool keepNonAscii = false)
    {
        // Nearly every value needs nothing: no copy then.
        var first = value.AsSpan().IndexOfAnyExcept(allowed);
        if (first < 0 || (keepNonAscii && OnlyNonAscii(value.AsSpan(first), allowed)))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                sb.Append(Escape(value[start..i], allowed, keepNonAscii)).Append(value, i, 3);
                i += 2;
                start = i + 1;
            }
        }

        return start == 0 ? Escape(value, allowed, keepNonAscii) : sb.Append(Escape(value[start..], allowed, keepNonAscii)).ToString();
    }

    private static bool OnlyNonAscii(ReadOnlySpan<char> s, System.Buffers.SearchValues<char> allowed)
    {
        foreach (var c in s)
        {
            if (c < '\u0080' && !allowed.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

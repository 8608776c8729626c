using System.Buffers;

namespace CallSync.Sdp;

/// <summary>The character classes of RFC 8866 section 9 that the model checks before it accepts or writes text.</summary>
internal static class SdpText
{
    // token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E
    private static readonly SearchValues<char> TokenChars = SearchValues.Create(
        "!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>True for <c>token = 1*token-char</c>.</summary>
    public static bool IsToken(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExcept(TokenChars);

    /// <summary>True for <c>proto = token *("/" token)</c>.</summary>
    public static bool IsProto(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split('/'))
        {
            if (!IsToken(text[range]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for <c>non-ws-string = 1*(VCHAR/%x80-FF)</c>: visible characters only.</summary>
    public static bool IsNonWsString(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c <= ' ' || c == '\u007f')
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>True for <c>byte-string = 1*(%x01-09/%x0B-0C/%x0E-FF)</c>: no NUL, CR or LF.</summary>
    public static bool IsByteString(ReadOnlySpan<char> text) => text.Length > 0 && text.IndexOfAny('\0', '\r', '\n') < 0;
}

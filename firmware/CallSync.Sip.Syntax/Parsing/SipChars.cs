using System.Buffers;

namespace CallSync.Sip.Syntax;

/// <summary>Character classes of the RFC 3261 section 25 grammar.</summary>
internal static class SipChars
{
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private const string TokenChars =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    internal static readonly SearchValues<byte> TokenBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);
    internal static readonly SearchValues<char> TokenCharSet = SearchValues.Create(TokenChars);

    // Control bytes never allowed in a header section (HT, CR, LF are structural and handled separately).
    internal static readonly SearchValues<byte> ForbiddenHeaderBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    // Characters never allowed unescaped in a URI as it appears on a request line or in a header.
    internal static readonly SearchValues<char> UriForbidden = SearchValues.Create(" \t\r\n<>\"{}|\\^`");

    internal static bool IsToken(ReadOnlySpan<byte> s) => s.Length > 0 && !s.ContainsAnyExcept(TokenBytes);

    internal static bool IsToken(ReadOnlySpan<char> s) => s.Length > 0 && !s.ContainsAnyExcept(TokenCharSet);

    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    internal static bool IsWhitespace(byte c) => c is (byte)' ' or (byte)'\t';

    internal static ReadOnlySpan<char> TrimLws(ReadOnlySpan<char> s) => s.Trim(" \t\r\n");

    internal static ReadOnlySpan<byte> TrimWs(ReadOnlySpan<byte> s) => s.Trim(" \t"u8);
}

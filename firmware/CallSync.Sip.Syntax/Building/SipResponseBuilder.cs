using System.Globalization;

namespace CallSync.Sip.Syntax;

/// <summary>Builds a response (RFC 3261 section 8.2.6).</summary>
public sealed class SipResponseBuilder : SipMessageBuilder
{
    // Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB), RFC 3261 25.1.
    private static readonly System.Buffers.SearchValues<char> ReasonChars = System.Buffers.SearchValues.Create(
        ";/?:@&=+$,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'() \t");

    private int _statusCode;

    /// <summary>Starts a response with the given status and no headers; a null reason uses the standard phrase.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is not 100-699.</exception>
    public SipResponseBuilder(int statusCode, string? reasonPhrase = null)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipReasonPhrases.Get(statusCode);
    }

    /// <summary>The status code, 100-699.</summary>
    public int StatusCode
    {
        get => _statusCode;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 100);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 699);
            _statusCode = value;
        }
    }

    /// <summary>
    /// The reason phrase. Written as RFC 3261 25.1's Reason-Phrase allows: CR and LF become spaces, and a character
    /// outside reserved / unreserved / non-ASCII / SP / HTAB (a quote, an angle bracket, a lone '%', a control
    /// character) is %HH-escaped.
    /// </summary>
    public string ReasonPhrase { get; set; }

    /// <summary>
    /// Starts a response to <paramref name="request"/> (RFC 3261 8.2.6.2): copies every Via, From, To, Call-ID and
    /// CSeq; adds <paramref name="toTag"/> to To when To has no tag yet; copies Record-Route into 101-299 responses
    /// (RFC 3261 12.1.1). Works on a partial request from <see cref="SipParseError.Request"/>.
    /// </summary>
    public static SipResponseBuilder CreateFor(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = new SipResponseBuilder(statusCode, reasonPhrase);
        var headers = request.Headers;
        var copyRecordRoute = statusCode is > 100 and < 300;
        for (var i = 0; i < headers.Count; i++)
        {
            var kind = headers.Entries[i].Kind;
            switch (kind)
            {
                case SipHeaderKind.Via:
                case SipHeaderKind.From:
                case SipHeaderKind.CallId:
                case SipHeaderKind.CSeq:
                    b.AddParsedHeader(SipHeaderTable.GetCanonicalName(kind), headers.GetValue(i));
                    break;
                case SipHeaderKind.RecordRoute when copyRecordRoute:
                    b.AddParsedHeader(SipHeaderNames.RecordRoute, headers.GetValue(i));
                    break;
                case SipHeaderKind.To:
                    b.AddParsedHeader(SipHeaderNames.To, WithTag(headers.GetValue(i), request.To, toTag));
                    break;
                default:
                    break;
            }
        }

        return b;
    }

    /// <summary>Serialises and re-parses into an immutable response.</summary>
    /// <exception cref="InvalidOperationException">The headers set do not make a valid response (a bug in the caller).</exception>
    public SipResponse Build() => (SipResponse)BuildMessage();

    private protected override string GetStartLine()
        => "SIP/2.0 " + StatusCode.ToString(CultureInfo.InvariantCulture) + " " + SipText.EscapeKeepingEscapes(SipText.OneLine(ReasonPhrase), ReasonChars, keepNonAscii: true);

    private static string WithTag(string raw, SipNameAddress? parsed, string? tag)
    {
        if (tag is null || parsed?.Tag is not null)
        {
            return raw;
        }

        return parsed is null ? raw + ";tag=" + tag : parsed.WithTag(tag).ToString();
    }
}

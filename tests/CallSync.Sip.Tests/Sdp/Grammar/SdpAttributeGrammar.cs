using CallSync.Tests.Abnf;
using static CallSync.Tests.Abnf.Abnf;

namespace CallSync.Sip.Tests.Sdp.Grammar;

/// <summary>
/// The value grammars of the attributes the agent writes or reads: RFC 8866 section 6 (rtpmap, fmtp, ptime, maxptime,
/// the direction flags), RFC 3605 (rtcp), RFC 5761 (rtcp-mux), RFC 4568 (crypto), RFC 4733 section 7.1.1 (the
/// telephone-event list) and RFC 7587 section 6.1 (the Opus parameters). An attribute with one of these names must
/// match its grammar; any other name is checked only as RFC 8866's generic <c>attribute</c>.
/// </summary>
internal static class SdpAttributeGrammar
{
    public static readonly AbnfRule NonZeroReal = Rfc8866Grammar.ZeroBasedInteger + Lit(".") + Star(Digit) + Rfc8866Grammar.PosDigit;
    public static readonly AbnfRule NonZeroIntOrReal = Named("non-zero-int-or-real", Rfc8866Grammar.Integer | NonZeroReal);

    // rtpmap-value = payload-type SP encoding-name "/" clock-rate [ "/" encoding-params ]
    public static readonly AbnfRule RtpmapValue = Named("rtpmap-value",
        Rfc8866Grammar.ZeroBasedInteger + Sp + Rfc8866Grammar.Token + Lit("/") + Rfc8866Grammar.Integer + Opt(Lit("/") + Rfc8866Grammar.Integer));

    // fmtp-value = fmt SP format-specific-params
    public static readonly AbnfRule FmtpValue = Named("fmtp-value", Rfc8866Grammar.Token + Sp + Rfc8866Grammar.ByteString);

    // rtcp-attribute value = port [nettype SP addrtype SP connection-address]
    public static readonly AbnfRule RtcpValue = Named("rtcp-value", Plus(Digit) + Opt(Sp + Rfc8866Grammar.ConnectionTriple));

    // RFC 4568 section 9.2: tag SP crypto-suite SP key-params [SP session-param *(SP session-param)]
    public static readonly AbnfRule Base64Char = Alpha | Digit | Chars("+/=");
    public static readonly AbnfRule InlineKey = Cs("inline:") + Plus(Base64Char) + Opt(Lit("|") + Opt(Lit("2^")) + Plus(Digit))
        + Opt(Lit("|") + Plus(Digit) + Lit(":") + Rep(1, 3, Digit));
    public static readonly AbnfRule CryptoValue = Named("crypto-value",
        Rep(1, 9, Digit) + Sp + Plus(Alpha | Digit | Chars("_")) + Sp + InlineKey + Star(Lit(";") + InlineKey) + Star(Sp + Plus(VChar)));

    // RFC 4733 section 7.1.1: a comma list of events and ranges.
    public static readonly AbnfRule Event = Rep(1, 3, Digit);
    public static readonly AbnfRule EventList = Named("event-list", (Event + Opt(Lit("-") + Event)) + Star(Lit(",") + Event + Opt(Lit("-") + Event)));

    // RFC 7587 section 6.1: name=value pairs separated by ";".
    public static readonly AbnfRule Flag = Chars("01");
    public static readonly AbnfRule OpusParameter = Alt(
        Lit("maxplaybackrate=") + Rep(4, 5, Digit),
        Lit("sprop-maxcapturerate=") + Rep(4, 5, Digit),
        Lit("maxaveragebitrate=") + Rep(4, 6, Digit),
        Lit("stereo=") + Flag,
        Lit("sprop-stereo=") + Flag,
        Lit("cbr=") + Flag,
        Lit("useinbandfec=") + Flag,
        Lit("usedtx=") + Flag,
        Lit("minptime=") + Rfc8866Grammar.Integer,
        Lit("ptime=") + Rfc8866Grammar.Integer,
        Lit("maxptime=") + Rfc8866Grammar.Integer);
    public static readonly AbnfRule OpusParameters = Named("opus-parameters", OpusParameter + Star(Lit(";") + OpusParameter));

    private static readonly string[] Flags = ["sendrecv", "sendonly", "recvonly", "inactive", "rtcp-mux"];

    private static readonly Dictionary<string, AbnfRule> Values = new(StringComparer.Ordinal)
    {
        ["rtpmap"] = RtpmapValue,
        ["fmtp"] = FmtpValue,
        ["ptime"] = NonZeroIntOrReal,
        ["maxptime"] = NonZeroIntOrReal,
        ["rtcp"] = RtcpValue,
        ["crypto"] = CryptoValue,
    };

    /// <summary><c>attribute = (attribute-name ":" attribute-value) / attribute-name</c>, with the value grammar of a known name.</summary>
    public static readonly AbnfRule Attribute = new("attribute", (text, start) =>
    {
        var nameEnd = start;
        while (nameEnd < text.Length && Rfc8866Grammar.TokenChar.Ends(text, nameEnd).Count > 0)
        {
            nameEnd++;
        }

        if (nameEnd == start)
        {
            return None;
        }

        var name = text[start..nameEnd];
        if (Flags.Contains(name))
        {
            return new HashSet<int> { nameEnd };
        }

        var value = Values.TryGetValue(name, out var known) ? known : Rfc8866Grammar.ByteString;
        var ends = new HashSet<int>((Lit(":") + value).Ends(text, nameEnd));
        if (known is null)
        {
            ends.Add(nameEnd);
        }

        return ends;
    });
}

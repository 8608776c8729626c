using CallSync.Tests.Abnf;
using static CallSync.Tests.Abnf.Abnf;

namespace CallSync.Sip.Tests.Sdp.Grammar;

/// <summary>
/// The SDP grammar of RFC 8866 section 9, rule by rule, with the attribute grammars of section 6 and others
/// (<see cref="SdpAttributeGrammar"/>) applied to the attributes that have them. Where the ABNF is looser than the
/// RFC's prose, the prose wins: <c>IN IP4</c>/<c>IN IP6</c> addresses must be IPv4/IPv6 literals or host names with a
/// letter (section 5.7; the catch-all <c>extn-addr</c> is for other address types, which we neither write nor take).
/// u=/e=/k= values (RFC 3986/5322 syntax we never write) are only checked as text. Independent of CallSync.Sdp by
/// construction: it never calls the product's parser or writer.
/// </summary>
internal static class Rfc8866Grammar
{
    // Generic sub-rules.
    public static readonly AbnfRule PosDigit = Range('1', '9');
    public static readonly AbnfRule Integer = PosDigit + Star(Digit);
    public static readonly AbnfRule ZeroBasedInteger = Lit("0") | Integer;
    public static readonly AbnfRule NonWsString = Plus(VChar | NonAscii);
    public static readonly AbnfRule ByteString = Plus(Range('\u0001', '\u0009') | Range('\u000B', '\u000C') | Range('\u000E', '\uffff'));
    public static readonly AbnfRule Text = ByteString;
    public static readonly AbnfRule TokenChar = Named("token-char", Chars("!") | Range('\u0023', '\u0027') | Range('\u002A', '\u002B')
        | Range('\u002D', '\u002E') | Range('\u0030', '\u0039') | Range('\u0041', '\u005A') | Range('\u005E', '\u007E'));
    public static readonly AbnfRule Token = Named("token", Plus(TokenChar));
    public static readonly AbnfRule AlphaNumeric = Alpha | Digit;
    public static readonly AbnfRule DecimalUchar = Named("decimal-uchar", Digit | (PosDigit + Digit) | (Lit("1") + Rep(2, 2, Digit))
        | (Lit("2") + Chars("01234") + Digit) | (Lit("25") + Chars("012345")));

    // Addresses (RFC 8866 section 9; IP6-address is RFC 3986's IPv6address).
    public static readonly AbnfRule Ip4Address = Named("IP4-address", DecimalUchar + Rep(3, 3, Lit(".") + DecimalUchar));
    public static readonly AbnfRule Ttl = (PosDigit + Rep(0, 2, Digit)) | Lit("0");
    public static readonly AbnfRule M1 = (Lit("22") + Chars("456789")) | (Lit("23") + Digit);
    public static readonly AbnfRule Ip4Multicast = Named("IP4-multicast", M1 + Rep(3, 3, Lit(".") + DecimalUchar) + Lit("/") + Ttl + Opt(Lit("/") + Integer));
    public static readonly AbnfRule H16 = Rep(1, 4, HexDig);
    public static readonly AbnfRule Ls32 = (H16 + Lit(":") + H16) | Ip4Address;
    public static readonly AbnfRule Ip6Address = Named("IP6-address", Alt(
        Rep(6, 6, H16 + Lit(":")) + Ls32,
        Lit("::") + Rep(5, 5, H16 + Lit(":")) + Ls32,
        Opt(H16) + Lit("::") + Rep(4, 4, H16 + Lit(":")) + Ls32,
        Opt(Rep(0, 1, H16 + Lit(":")) + H16) + Lit("::") + Rep(3, 3, H16 + Lit(":")) + Ls32,
        Opt(Rep(0, 2, H16 + Lit(":")) + H16) + Lit("::") + Rep(2, 2, H16 + Lit(":")) + Ls32,
        Opt(Rep(0, 3, H16 + Lit(":")) + H16) + Lit("::") + H16 + Lit(":") + Ls32,
        Opt(Rep(0, 4, H16 + Lit(":")) + H16) + Lit("::") + Ls32,
        Opt(Rep(0, 5, H16 + Lit(":")) + H16) + Lit("::") + H16,
        Opt(Rep(0, 6, H16 + Lit(":")) + H16) + Lit("::")));
    public static readonly AbnfRule Ip6Multicast = Ip6Address + Opt(Lit("/") + Integer);
    // FQDN = 4*(alpha-numeric / "-" / "."), and (RFC 1123 section 2.1) not all digits: "198.51.100.256" is no host name.
    public static readonly AbnfRule Fqdn = Named("FQDN", Both(
        Rep(4, int.MaxValue, AlphaNumeric | Chars("-.")),
        Star(Digit | Chars("-.")) + Alpha + Star(AlphaNumeric | Chars("-."))));

    // nettype SP addrtype SP address, typed as section 5.7 requires for IN.
    public static readonly AbnfRule UnicastTriple = (Cs("IN IP4 ") + (Ip4Address | Fqdn)) | (Cs("IN IP6 ") + (Ip6Address | Fqdn));
    public static readonly AbnfRule ConnectionTriple = (Cs("IN IP4 ") + (Ip4Multicast | Ip4Address | Fqdn)) | (Cs("IN IP6 ") + (Ip6Multicast | Ip6Address | Fqdn));

    // Fields.
    public static readonly AbnfRule VersionField = Named("version-field", Cs("v=") + Lit("0") + Crlf);
    public static readonly AbnfRule OriginField = Named("origin-field", Cs("o=") + NonWsString + Sp + Plus(Digit) + Sp + Plus(Digit) + Sp + UnicastTriple + Crlf);
    public static readonly AbnfRule SessionNameField = Named("session-name-field", Cs("s=") + Text + Crlf);
    public static readonly AbnfRule InformationField = Named("information-field", Cs("i=") + Text + Crlf);
    public static readonly AbnfRule UriField = Named("uri-field", Cs("u=") + NonWsString + Crlf);
    public static readonly AbnfRule EmailField = Named("email-field", Cs("e=") + Text + Crlf);
    public static readonly AbnfRule PhoneField = Named("phone-field", Cs("p=") + Text + Crlf);
    public static readonly AbnfRule ConnectionField = Named("connection-field", Cs("c=") + ConnectionTriple + Crlf);
    public static readonly AbnfRule BandwidthField = Named("bandwidth-field", Cs("b=") + Token + Lit(":") + Plus(Digit) + Crlf);
    public static readonly AbnfRule TimeValue = PosDigit + Rep(9, int.MaxValue, Digit);
    public static readonly AbnfRule StartOrStop = TimeValue | Lit("0");
    public static readonly AbnfRule TimeField = Named("time-field", Cs("t=") + StartOrStop + Sp + StartOrStop + Crlf);
    public static readonly AbnfRule TimeUnit = Cs("d") | Cs("h") | Cs("m") | Cs("s");
    public static readonly AbnfRule TypedTime = Plus(Digit) + Opt(TimeUnit);
    public static readonly AbnfRule RepeatField = Named("repeat-field", Cs("r=") + PosDigit + Star(Digit) + Opt(TimeUnit) + Sp + TypedTime + Plus(Sp + TypedTime) + Crlf);
    public static readonly AbnfRule ZoneField = Named("zone-field", Cs("z=") + TimeValue + Sp + Opt(Lit("-")) + TypedTime + Star(Sp + TimeValue + Sp + Opt(Lit("-")) + TypedTime) + Crlf);
    public static readonly AbnfRule KeyField = Named("key-field", Cs("k=") + Text + Crlf);
    public static readonly AbnfRule AttributeField = Named("attribute-field", Cs("a=") + Ref("attribute", () => SdpAttributeGrammar.Attribute) + Crlf);
    public static readonly AbnfRule MediaField = Named("media-field",
        Cs("m=") + Token + Sp + Plus(Digit) + Opt(Lit("/") + Integer) + Sp + Token + Star(Lit("/") + Token) + Plus(Sp + Token) + Crlf);

    public static readonly AbnfRule TimeDescription = TimeField + Opt(Plus(RepeatField) + Opt(ZoneField));
    public static readonly AbnfRule MediaDescription = Named("media-description",
        MediaField + Opt(InformationField) + Star(ConnectionField) + Star(BandwidthField) + Opt(KeyField) + Star(AttributeField));

    public static readonly AbnfRule SessionDescription = Named("session-description", Seq(
        VersionField, OriginField, SessionNameField, Opt(InformationField), Opt(UriField), Star(EmailField), Star(PhoneField),
        Opt(ConnectionField), Star(BandwidthField), Plus(TimeDescription), Opt(KeyField), Star(AttributeField), Star(MediaDescription)));

    private static readonly Dictionary<char, AbnfRule> LineRules = new()
    {
        ['v'] = VersionField, ['o'] = OriginField, ['s'] = SessionNameField, ['i'] = InformationField, ['u'] = UriField,
        ['e'] = EmailField, ['p'] = PhoneField, ['c'] = ConnectionField, ['b'] = BandwidthField, ['t'] = TimeField,
        ['r'] = RepeatField, ['z'] = ZoneField, ['k'] = KeyField, ['a'] = AttributeField, ['m'] = MediaField,
    };

    /// <summary>Null when <paramref name="sdp"/> is a valid session description; else the first line that is not, or the order problem.</summary>
    public static string? Check(string sdp)
    {
        var start = 0;
        var number = 0;
        while (start < sdp.Length)
        {
            number++;
            var end = sdp.IndexOf("\r\n", start, StringComparison.Ordinal);
            if (end < 0)
            {
                return $"line {number} is not terminated by CRLF: '{sdp[start..]}'";
            }

            var line = sdp[start..(end + 2)];
            if (line.Length < 4 || !LineRules.TryGetValue(line[0], out var rule))
            {
                return $"line {number} is not a known field: '{line.TrimEnd()}'";
            }

            if (!rule.Matches(line))
            {
                return $"line {number} does not match {rule.Name}: '{line.TrimEnd()}' (valid up to column {rule.LongestMatch(line)})";
            }

            start = end + 2;
        }

        return SessionDescription.Matches(sdp) ? null : "every line is valid but the field order or count is not (session-description)";
    }
}

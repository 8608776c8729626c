using CallSync.Tests.Abnf;
using static CallSync.Tests.Abnf.Abnf;

namespace CallSync.Sip.Syntax.Tests.Grammar;

/// <summary>
/// The RFC 3261 section 25.1 grammar, rule by rule, for the start lines and the headers the agent writes (plus
/// RFC 4028 Session-Expires/Min-SE and RFC 3581 rport). Two places are stricter than the bare ABNF, as the RFC's
/// prose is: a <c>sip:</c>/<c>sips:</c> URI must be a SIP-URI (not just any absoluteURI), and a Via parameter named
/// branch, received, maddr, ttl or rport must have that parameter's own syntax (not fall back to via-extension).
/// Independent of CallSync.Sip.Syntax by construction: it never calls the product's parser.
/// </summary>
internal static class Rfc3261Grammar
{
    // Basic rules (25.1).
    public static readonly AbnfRule AlphaNum = Alpha | Digit;
    public static readonly AbnfRule Mark = Chars("-_.!~*'()");
    public static readonly AbnfRule Unreserved = AlphaNum | Mark;
    public static readonly AbnfRule Reserved = Chars(";/?:@&=+$,");
    public static readonly AbnfRule Escaped = Lit("%") + HexDig + HexDig;
    public static readonly AbnfRule Lws = Opt(Star(Wsp) + Crlf) + Plus(Wsp);
    public static readonly AbnfRule Sws = Opt(Lws);
    public static readonly AbnfRule Hcolon = Star(Wsp) + Lit(":") + Sws;
    public static readonly AbnfRule Token = Named("token", Plus(AlphaNum | Chars("-.!%*_+`'~")));
    public static readonly AbnfRule Word = Plus(AlphaNum | Chars("-.!%*_+`'~()<>:\\\"/[]?{}"));
    public static readonly AbnfRule Slash = Sws + Lit("/") + Sws;
    public static readonly AbnfRule Equal = Sws + Lit("=") + Sws;
    public static readonly AbnfRule Comma = Sws + Lit(",") + Sws;
    public static readonly AbnfRule Semi = Sws + Lit(";") + Sws;
    public static readonly AbnfRule Colon = Sws + Lit(":") + Sws;
    public static readonly AbnfRule Laquot = Sws + Lit("<");
    public static readonly AbnfRule Raquot = Lit(">") + Sws;
    public static readonly AbnfRule Ldquot = Sws + DQuote;
    public static readonly AbnfRule TextUtf8Char = Range('\u0021', '\u007E') | NonAscii;
    public static readonly AbnfRule Qdtext = Lws | Chars("!") | Range('\u0023', '\u005B') | Range('\u005D', '\u007E') | NonAscii;
    public static readonly AbnfRule QuotedPair = Lit("\\") + (Range('\u0000', '\u0009') | Range('\u000B', '\u000C') | Range('\u000E', '\u007F'));
    public static readonly AbnfRule QuotedString = Named("quoted-string", Sws + DQuote + Star(Qdtext | QuotedPair) + DQuote);
    public static readonly AbnfRule Ctext = Range('\u0021', '\u0027') | Range('\u002A', '\u005B') | Range('\u005D', '\u007E') | NonAscii | Lws;
    public static readonly AbnfRule Comment = Named("comment", Sws + Lit("(") + Sws + Star(Ctext | QuotedPair | Ref("comment", () => Comment!)) + Sws + Lit(")") + Sws);

    // Hosts.
    public static readonly AbnfRule DomainLabel = AlphaNum | (AlphaNum + Star(AlphaNum | Lit("-")) + AlphaNum);
    public static readonly AbnfRule TopLabel = Alpha | (Alpha + Star(AlphaNum | Lit("-")) + AlphaNum);
    public static readonly AbnfRule Hostname = Named("hostname", Star(DomainLabel + Lit(".")) + TopLabel + Opt(Lit(".")));
    public static readonly AbnfRule Ipv4Address = Named("IPv4address", Rep(1, 3, Digit) + Rep(3, 3, Lit(".") + Rep(1, 3, Digit)));
    public static readonly AbnfRule Hex4 = Rep(1, 4, HexDig);
    public static readonly AbnfRule HexSeq = Hex4 + Star(Lit(":") + Hex4);
    public static readonly AbnfRule HexPart = HexSeq | (HexSeq + Lit("::") + Opt(HexSeq)) | (Lit("::") + Opt(HexSeq));
    public static readonly AbnfRule Ipv6Address = Named("IPv6address", HexPart + Opt(Lit(":") + Ipv4Address));
    public static readonly AbnfRule Ipv6Reference = Lit("[") + Ipv6Address + Lit("]");
    public static readonly AbnfRule Host = Named("host", Hostname | Ipv4Address | Ipv6Reference);
    public static readonly AbnfRule Port = Plus(Digit);
    public static readonly AbnfRule HostPort = Named("hostport", Host + Opt(Lit(":") + Port));

    // SIP-URI (19.1, 25.1).
    public static readonly AbnfRule User = Plus(Unreserved | Escaped | Chars("&=+$,;?/"));
    public static readonly AbnfRule Password = Star(Unreserved | Escaped | Chars("&=+$,"));
    public static readonly AbnfRule UserInfo = User + Opt(Lit(":") + Password) + Lit("@");
    public static readonly AbnfRule ParamChar = Chars("[]/:&+$") | Unreserved | Escaped;
    public static readonly AbnfRule Method = Named("Method", Token);
    public static readonly AbnfRule UriParameter = Alt(
        Lit("transport=") + Token,
        Lit("user=") + Token,
        Lit("method=") + Method,
        Lit("ttl=") + Rep(1, 3, Digit),
        Lit("maddr=") + Host,
        Lit("lr"),
        Plus(ParamChar) + Opt(Lit("=") + Plus(ParamChar)));
    public static readonly AbnfRule HnvUnreserved = Chars("[]/?:+$");
    public static readonly AbnfRule UriHeaders = Lit("?") + Plus(HnvUnreserved | Unreserved | Escaped) + Lit("=") + Star(HnvUnreserved | Unreserved | Escaped)
        + Star(Lit("&") + Plus(HnvUnreserved | Unreserved | Escaped) + Lit("=") + Star(HnvUnreserved | Unreserved | Escaped));
    public static readonly AbnfRule SipUri = Named("SIP-URI", (Lit("sips:") | Lit("sip:")) + Opt(UserInfo) + HostPort + Star(Lit(";") + UriParameter) + Opt(UriHeaders));

    // absoluteURI (RFC 2396 as RFC 3261 25.1 copies it), for other schemes such as tel:.
    public static readonly AbnfRule Uric = Reserved | Unreserved | Escaped;
    public static readonly AbnfRule UricNoSlash = Unreserved | Escaped | Chars(";?:@&=+$,");
    public static readonly AbnfRule PChar = Unreserved | Escaped | Chars(":@&=+$,");
    public static readonly AbnfRule Segment = Star(PChar) + Star(Lit(";") + Star(PChar));
    public static readonly AbnfRule AbsPath = Lit("/") + Segment + Star(Lit("/") + Segment);
    public static readonly AbnfRule RegName = Plus(Unreserved | Escaped | Chars("$,;:@&=+"));
    public static readonly AbnfRule Authority = Opt(Opt(UserInfo) + HostPort) | RegName;
    public static readonly AbnfRule HierPart = ((Lit("//") + Authority + Opt(AbsPath)) | AbsPath) + Opt(Lit("?") + Star(Uric));
    public static readonly AbnfRule Scheme = Alpha + Star(Alpha | Digit | Chars("+-."));
    public static readonly AbnfRule AbsoluteUri = new("absoluteURI", (text, start) =>
        IsSipScheme(text, start) ? None : (Scheme + Lit(":") + (HierPart | (UricNoSlash + Star(Uric)))).Ends(text, start));

    // Addresses (20.10, 20.20, 20.39).
    public static readonly AbnfRule AddrSpec = Named("addr-spec", SipUri | AbsoluteUri);
    public static readonly AbnfRule DisplayName = Star(Token + Lws) | QuotedString;
    public static readonly AbnfRule NameAddr = Named("name-addr", Opt(DisplayName) + Laquot + AddrSpec + Raquot);
    public static readonly AbnfRule GenValue = Token | Host | QuotedString;
    public static readonly AbnfRule GenericParam = Named("generic-param", Token + Opt(Equal + GenValue));
    public static readonly AbnfRule TagParam = Lit("tag") + Equal + Token;
    public static readonly AbnfRule Qvalue = (Lit("0") + Opt(Lit(".") + Rep(0, 3, Digit))) | (Lit("1") + Opt(Lit(".") + Rep(0, 3, Lit("0"))));
    public static readonly AbnfRule ContactParams = (Lit("q") + Equal + Qvalue) | (Lit("expires") + Equal + Plus(Digit)) | GenericParam;
    public static readonly AbnfRule ContactParam = (NameAddr | AddrSpec) + Star(Semi + ContactParams);

    // Via (20.42) with rport (RFC 3581); names that have their own rule must follow it.
    public static readonly AbnfRule ViaParams = Named("via-params", new AbnfRule("via-params", (text, start) =>
    {
        foreach (var (name, rule) in new[]
        {
            ("branch", Lit("branch") + Equal + Token),
            ("received", Lit("received") + Equal + (Ipv4Address | Ipv6Address)),
            ("maddr", Lit("maddr") + Equal + Host),
            ("ttl", Lit("ttl") + Equal + Rep(1, 3, Digit)),
            ("rport", Lit("rport") + Opt(Equal + Plus(Digit))),
        })
        {
            var after = start + name.Length;
            if (string.Compare(text, start, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (after == text.Length || Token.Ends(text, after).Count == 0))
            {
                return rule.Ends(text, start);
            }
        }

        return GenericParam.Ends(text, start);
    }));
    public static readonly AbnfRule SentProtocol = Token + Slash + Token + Slash + Token;
    public static readonly AbnfRule SentBy = Host + Opt(Colon + Port);
    public static readonly AbnfRule ViaParm = Named("via-parm", SentProtocol + Lws + SentBy + Star(Semi + ViaParams));

    // Headers.
    public static readonly AbnfRule Via = Named("Via", (Lit("Via") | Lit("v")) + Hcolon + ViaParm + Star(Comma + ViaParm));
    public static readonly AbnfRule From = Named("From", (Lit("From") | Lit("f")) + Hcolon + (NameAddr | AddrSpec) + Star(Semi + (TagParam | GenericParam)));
    public static readonly AbnfRule To = Named("To", (Lit("To") | Lit("t")) + Hcolon + (NameAddr | AddrSpec) + Star(Semi + (TagParam | GenericParam)));
    public static readonly AbnfRule Contact = Named("Contact", (Lit("Contact") | Lit("m")) + Hcolon + ((Sws + Lit("*") + Sws) | (ContactParam + Star(Comma + ContactParam))));
    public static readonly AbnfRule RouteParam = NameAddr + Star(Semi + GenericParam);
    public static readonly AbnfRule Route = Named("Route", Lit("Route") + Hcolon + RouteParam + Star(Comma + RouteParam));
    public static readonly AbnfRule RecordRoute = Named("Record-Route", Lit("Record-Route") + Hcolon + RouteParam + Star(Comma + RouteParam));
    public static readonly AbnfRule CSeq = Named("CSeq", Lit("CSeq") + Hcolon + Plus(Digit) + Lws + Method);
    public static readonly AbnfRule CallId = Named("Call-ID", (Lit("Call-ID") | Lit("i")) + Hcolon + Word + Opt(Lit("@") + Word));
    public static readonly AbnfRule MaxForwards = Named("Max-Forwards", Lit("Max-Forwards") + Hcolon + Plus(Digit));
    public static readonly AbnfRule ContentLength = Named("Content-Length", (Lit("Content-Length") | Lit("l")) + Hcolon + Plus(Digit));
    public static readonly AbnfRule ContentType = Named("Content-Type", (Lit("Content-Type") | Lit("c")) + Hcolon + Token + Slash + Token
        + Star(Semi + Token + Equal + (Token | QuotedString)));
    public static readonly AbnfRule WarnAgent = HostPort | Token;
    public static readonly AbnfRule WarningValue = Named("warning-value", Rep(3, 3, Digit) + Sp + WarnAgent + Sp + QuotedString);
    public static readonly AbnfRule Warning = Named("Warning", Lit("Warning") + Hcolon + WarningValue + Star(Comma + WarningValue));
    public static readonly AbnfRule Allow = Named("Allow", Lit("Allow") + Hcolon + Opt(Method + Star(Comma + Method)));
    public static readonly AbnfRule Supported = Named("Supported", (Lit("Supported") | Lit("k")) + Hcolon + Opt(Token + Star(Comma + Token)));
    public static readonly AbnfRule Require = Named("Require", Lit("Require") + Hcolon + Token + Star(Comma + Token));
    public static readonly AbnfRule Product = Token + Opt(Slash + Token);
    public static readonly AbnfRule UserAgent = Named("User-Agent", Lit("User-Agent") + Hcolon + (Product | Comment) + Star(Lws + (Product | Comment)));
    public static readonly AbnfRule SessionExpires = Named("Session-Expires", (Lit("Session-Expires") | Lit("x")) + Hcolon + Plus(Digit)
        + Star(Semi + ((Lit("refresher") + Equal + (Lit("uas") | Lit("uac"))) | GenericParam)));
    public static readonly AbnfRule MinSe = Named("Min-SE", Lit("Min-SE") + Hcolon + Plus(Digit) + Star(Semi + GenericParam));
    public static readonly AbnfRule ExtensionHeader = Named("extension-header", Token + Hcolon + Star(TextUtf8Char | Lws));

    // Start lines (25.1).
    public static readonly AbnfRule SipVersion = Lit("SIP") + Lit("/") + Plus(Digit) + Lit(".") + Plus(Digit);
    public static readonly AbnfRule RequestLine = Named("Request-Line", Method + Sp + (SipUri | AbsoluteUri) + Sp + SipVersion + Crlf);
    public static readonly AbnfRule ReasonPhrase = Star(Reserved | Unreserved | Escaped | NonAscii | Sp | Htab);
    public static readonly AbnfRule StatusLine = Named("Status-Line", SipVersion + Sp + Rep(3, 3, Digit) + Sp + ReasonPhrase + Crlf);

    private static readonly Dictionary<string, AbnfRule> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Via"] = Via, ["v"] = Via, ["From"] = From, ["f"] = From, ["To"] = To, ["t"] = To, ["Contact"] = Contact, ["m"] = Contact,
        ["Route"] = Route, ["Record-Route"] = RecordRoute, ["CSeq"] = CSeq, ["Call-ID"] = CallId, ["i"] = CallId,
        ["Max-Forwards"] = MaxForwards, ["Content-Length"] = ContentLength, ["l"] = ContentLength, ["Content-Type"] = ContentType,
        ["c"] = ContentType, ["Warning"] = Warning, ["Allow"] = Allow, ["Supported"] = Supported, ["k"] = Supported,
        ["Require"] = Require, ["User-Agent"] = UserAgent, ["Session-Expires"] = SessionExpires, ["x"] = SessionExpires, ["Min-SE"] = MinSe,
    };

    private static bool IsSipScheme(string text, int start) =>
        string.Compare(text, start, "sip:", 0, 4, StringComparison.OrdinalIgnoreCase) == 0
        || string.Compare(text, start, "sips:", 0, 5, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Null when the header line (without CRLF) matches its rule; else a message naming the rule.</summary>
    public static string? CheckHeader(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? line : line[..colon].TrimEnd(' ', '\t');
        var rule = Headers.GetValueOrDefault(name, ExtensionHeader);
        return rule.Matches(line) ? null : $"'{line}' does not match {rule.Name} (valid up to column {rule.LongestMatch(line)})";
    }

    /// <summary>Null when every line of the message head matches its rule; else the first problem.</summary>
    public static string? CheckMessage(string message)
    {
        var end = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return "no empty line after the headers";
        }

        var lines = message[..end].Split("\r\n");
        var start = lines[0] + "\r\n";
        var startRule = start.StartsWith("SIP/", StringComparison.Ordinal) ? StatusLine : RequestLine;
        if (!startRule.Matches(start))
        {
            return $"'{lines[0]}' does not match {startRule.Name} (valid up to column {startRule.LongestMatch(start)})";
        }

        return lines.Skip(1).Select(CheckHeader).FirstOrDefault(problem => problem is not null);
    }
}

namespace CallSync.Tests.Abnf;

/// <summary>
/// The ABNF operators of RFC 5234 section 3 and the core rules of its appendix B.1, as <see cref="AbnfRule"/>s.
/// Quoted strings are case-insensitive (<see cref="Lit"/>), <c>%s"..."</c> strings case-sensitive (<see cref="Cs"/>,
/// RFC 7405). Characters at or above U+0080 stand for the UTF-8 bytes %x80-FF they are written as.
/// </summary>
internal static class Abnf
{
    public static readonly IReadOnlySet<int> None = new HashSet<int>();

    public static readonly AbnfRule Alpha = Range('A', 'Z') | Range('a', 'z');
    public static readonly AbnfRule Digit = Range('0', '9');
    public static readonly AbnfRule HexDig = Digit | Chars("ABCDEFabcdef");
    public static readonly AbnfRule Sp = Chars(" ");
    public static readonly AbnfRule Htab = Chars("\t");
    public static readonly AbnfRule Wsp = Sp | Htab;
    public static readonly AbnfRule Crlf = Cs("\r\n");
    public static readonly AbnfRule DQuote = Chars("\"");
    public static readonly AbnfRule VChar = Range('!', '~');

    /// <summary>Any character at or above U+0080 (a UTF-8 byte %x80-FF once encoded).</summary>
    public static readonly AbnfRule NonAscii = Range('\u0080', '\uffff');

    /// <summary>A case-insensitive string.</summary>
    public static AbnfRule Lit(string s) => Literal(s, StringComparison.OrdinalIgnoreCase);

    /// <summary>A case-sensitive string (<c>%s"..."</c>).</summary>
    public static AbnfRule Cs(string s) => Literal(s, StringComparison.Ordinal);

    /// <summary>One character in <c>%xLO-HI</c>.</summary>
    public static AbnfRule Range(char lo, char hi) => One($"%x{(int)lo:X2}-{(int)hi:X2}", c => c >= lo && c <= hi);

    /// <summary>One character of <paramref name="set"/>.</summary>
    public static AbnfRule Chars(string set) => One("[" + set + "]", set.Contains);

    public static AbnfRule Seq(params AbnfRule[] rules) => new(string.Join(" ", rules.Select(r => r.Name)), (text, start) =>
    {
        IReadOnlySet<int> positions = new HashSet<int> { start };
        foreach (var rule in rules)
        {
            var next = new HashSet<int>();
            foreach (var p in positions)
            {
                next.UnionWith(rule.Ends(text, p));
            }

            if (next.Count == 0)
            {
                return None;
            }

            positions = next;
        }

        return positions;
    });

    public static AbnfRule Alt(params AbnfRule[] rules) => new("(" + string.Join(" / ", rules.Select(r => r.Name)) + ")", (text, start) =>
    {
        var ends = new HashSet<int>();
        foreach (var rule in rules)
        {
            ends.UnionWith(rule.Ends(text, start));
        }

        return ends;
    });

    /// <summary><c>min*max rule</c>; <paramref name="max"/> = <see cref="int.MaxValue"/> for no upper bound.</summary>
    public static AbnfRule Rep(int min, int max, AbnfRule rule) => new($"{min}*{(max == int.MaxValue ? string.Empty : max)}({rule.Name})", (text, start) =>
    {
        var ends = new HashSet<int>();
        if (min == 0)
        {
            ends.Add(start);
        }

        // Below min the count matters; from min on a position once expanded gives the same ends again.
        var seen = new HashSet<int>();
        IEnumerable<int> frontier = [start];
        for (var count = 1; count <= max; count++)
        {
            var next = new HashSet<int>();
            foreach (var p in frontier)
            {
                foreach (var e in rule.Ends(text, p))
                {
                    if (e > p && (count <= min || seen.Add(e)))
                    {
                        next.Add(e);
                    }
                }
            }

            if (count >= min)
            {
                ends.UnionWith(next);
            }

            if (next.Count == 0)
            {
                break;
            }

            frontier = next;
        }

        return ends;
    });

    /// <summary><c>*rule</c>.</summary>
    public static AbnfRule Star(AbnfRule rule) => Rep(0, int.MaxValue, rule);

    /// <summary><c>1*rule</c>.</summary>
    public static AbnfRule Plus(AbnfRule rule) => Rep(1, int.MaxValue, rule);

    /// <summary><c>[rule]</c>.</summary>
    public static AbnfRule Opt(AbnfRule rule) => Rep(0, 1, rule);

    /// <summary>Matches where both rules match the same span (a constraint ABNF can only say in prose).</summary>
    public static AbnfRule Both(AbnfRule a, AbnfRule b) => new(a.Name, (text, start) =>
    {
        var ends = new HashSet<int>(a.Ends(text, start));
        ends.IntersectWith(b.Ends(text, start));
        return ends;
    });

    /// <summary>A rule defined later (recursion, or rules listed top-down as in the RFCs).</summary>
    public static AbnfRule Ref(string name, Func<AbnfRule> rule)
    {
        AbnfRule? resolved = null;
        return new AbnfRule(name, (text, start) => (resolved ??= rule()).Ends(text, start));
    }

    /// <summary>Gives <paramref name="rule"/> a name for messages.</summary>
    public static AbnfRule Named(string name, AbnfRule rule) => new(name, rule.Ends);

    private static AbnfRule Literal(string s, StringComparison comparison) => new('"' + s + '"', (text, start) =>
        string.Compare(text, start, s, 0, s.Length, comparison) == 0 && start + s.Length <= text.Length ? new HashSet<int> { start + s.Length } : None);

    private static AbnfRule One(string name, Func<char, bool> match) => new(name, (text, start) =>
        start < text.Length && match(text[start]) ? new HashSet<int> { start + 1 } : None);
}

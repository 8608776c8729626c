namespace CallSync.Tests.Abnf;

/// <summary>
/// One rule of an ABNF grammar (RFC 5234) as a matcher that knows nothing of the code under test: given a text and a
/// start position it yields every position where a match can end. Keeping all ends makes alternatives and
/// repetitions backtrack exactly as ABNF means them, so a grammar copied rule by rule from an RFC checks what the RFC
/// says, not what a hand-written parser happens to accept.
/// </summary>
internal sealed class AbnfRule
{
    private readonly Func<string, int, IReadOnlySet<int>> _ends;

    public AbnfRule(string name, Func<string, int, IReadOnlySet<int>> ends)
    {
        Name = name;
        _ends = ends;
    }

    /// <summary>The rule name, for messages.</summary>
    public string Name { get; }

    /// <summary>Every end position of a match starting at <paramref name="start"/>.</summary>
    public IReadOnlySet<int> Ends(string text, int start) => start > text.Length ? Abnf.None : _ends(text, start);

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool Matches(string text) => Ends(text, 0).Contains(text.Length);

    /// <summary>The longest prefix that matches (for messages: where a failing text stops making sense).</summary>
    public int LongestMatch(string text) => Ends(text, 0).DefaultIfEmpty(-1).Max();

    public static AbnfRule operator +(AbnfRule a, AbnfRule b) => Abnf.Seq(a, b);

    public static AbnfRule operator |(AbnfRule a, AbnfRule b) => Abnf.Alt(a, b);

    /// <inheritdoc />
    public override string ToString() => Name;
}

namespace CallSync.Sip.Syntax;

/// <summary>One header line: its name as written (compact names stay compact) and its value with line folding undone.</summary>
/// <param name="Name">The field name as it appears in the message.</param>
/// <param name="Value">The field value, trimmed, with any LWS continuation replaced by one space.</param>
public readonly record struct SipHeader(string Name, string Value)
{
    /// <summary>True when <see cref="Name"/> names the same field as <paramref name="name"/> (case-insensitive, compact forms matched).</summary>
    public bool Is(string name) => SipHeaderCollection.NamesMatch(Name, name);
}

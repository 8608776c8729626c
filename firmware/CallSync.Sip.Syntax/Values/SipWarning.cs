using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CallSync.Sip.Syntax;

/// <summary>
/// One Warning value (RFC 3261 section 20.43): <c>warn-code SP warn-agent SP warn-text</c>, e.g.
/// <c>305 192.0.2.10 "no common codec"</c>. Codes 300-399 describe SDP problems (300-307, 330-331, 370, 399).
/// </summary>
public sealed class SipWarning
{
    /// <summary>Creates a value; an IPv6 agent is bracketed, the text may hold anything (it is quoted when written).</summary>
    /// <param name="code">The three-digit warn-code.</param>
    /// <param name="agent">Who adds the warning: host[:port] or a pseudonym token.</param>
    /// <param name="text">The warn-text; CR, LF and NUL become spaces, since a header is one line.</param>
    /// <exception cref="ArgumentOutOfRangeException">The code is not three digits.</exception>
    /// <exception cref="ArgumentException">The agent is neither a host[:port] nor a token.</exception>
    public SipWarning(int code, string agent, string text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 999);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(text);
        Code = code;
        Agent = NormaliseAgent(agent) ?? throw new ArgumentException("A warn-agent is host[:port] or a token.", nameof(agent));
        Text = SipText.OneLine(text);
    }

    /// <summary>The warn-code.</summary>
    public int Code { get; }

    /// <summary>The warn-agent as written.</summary>
    public string Agent { get; }

    /// <summary>The warn-text without its quotes and escapes.</summary>
    public string Text { get; }

    /// <summary>Parses one warning-value (not a comma list); false when malformed. Never throws on input.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipWarning? warning)
    {
        warning = null;
        var s = SipChars.TrimLws(text);
        if (s.Length < 8 || s[3] != ' ' || s[..3].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var rest = s[4..];
        var space = rest.IndexOf(' ');
        if (space <= 0 || NormaliseAgent(rest[..space].ToString()) is not { } agent)
        {
            return false;
        }

        var quoted = rest[(space + 1)..].TrimStart(" \t");
        if (quoted.Length < 2 || quoted[0] != '"' || SipText.SkipQuoted(quoted, 0) != quoted.Length)
        {
            return false;
        }

        warning = new SipWarning(int.Parse(s[..3], NumberStyles.None, CultureInfo.InvariantCulture), agent, SipText.Unquote(quoted));
        return true;
    }

    /// <summary>The value as written in a Warning header.</summary>
    public override string ToString() =>
        Code.ToString(CultureInfo.InvariantCulture) + " " + Agent + " " + SipText.Quote(Text);

    // warn-agent = hostport / pseudonym; an IPv6 literal is an IPv6reference in a hostport.
    private static string? NormaliseAgent(string agent)
    {
        if (agent.Contains(':', StringComparison.Ordinal) && !agent.StartsWith('[')
            && IPAddress.TryParse(agent, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            ip.ScopeId = 0;
            return "[" + ip + "]";
        }

        return SipUri.TryParseHostPort(agent, out _, out _) || SipChars.IsToken(agent.AsSpan()) ? agent : null;
    }
}

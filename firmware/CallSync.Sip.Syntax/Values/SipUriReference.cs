using System.Diagnostics.CodeAnalysis;

namespace CallSync.Sip.Syntax;

/// <summary>
/// One <c>&lt;absoluteURI&gt; *(;param)</c> entry of Call-Info or Alert-Info (RFC 3261 20.4, 20.9). The URI may use
/// any scheme (http:, urn:...) so it is kept as text.
/// </summary>
public sealed class SipUriReference
{
    /// <summary>Creates an entry.</summary>
    public SipUriReference(string uri, SipParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        Uri = uri;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The URI between the angle brackets.</summary>
    public string Uri { get; }

    /// <summary>The parameters (purpose, answer-after, info...).</summary>
    public SipParameters Parameters { get; }

    /// <summary>Parses one entry; false when malformed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUriReference? value)
    {
        value = null;
        var s = SipChars.TrimLws(text);
        var gt = s.IndexOf('>');
        if (s.Length < 3 || s[0] != '<' || gt < 2)
        {
            return false;
        }

        var uri = s[1..gt];
        if (uri.ContainsAny(SipChars.UriForbidden) || !uri.Contains(':'))
        {
            return false;
        }

        var after = SipChars.TrimLws(s[(gt + 1)..]);
        var parameters = SipParameters.Empty;
        if (after.Length > 0 && (after[0] != ';' || !SipParameters.TryParse(after[1..], ';', false, out parameters)))
        {
            return false;
        }

        value = new SipUriReference(uri.ToString(), parameters);
        return true;
    }

    /// <summary>The entry as written: <c>&lt;uri&gt;;params</c>.</summary>
    public override string ToString() => "<" + Uri + ">" + Parameters.FormatHeader();
}

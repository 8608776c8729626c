using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>
/// A name-addr or addr-spec with header parameters (RFC 3261 20.10, 20.20, 20.39...): From, To, Contact, Route,
/// Record-Route. Immutable; <see cref="WithTag"/> and friends return copies.
/// </summary>
public sealed class SipNameAddress
{
    /// <summary>Creates a value; <paramref name="displayName"/> is plain text (quoted on output when needed).</summary>
    public SipNameAddress(SipUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        DisplayName = string.IsNullOrEmpty(displayName) ? null : displayName;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The display name with quotes and escapes removed, or null.</summary>
    public string? DisplayName { get; }

    /// <summary>The address.</summary>
    public SipUri Uri { get; }

    /// <summary>Header parameters after the address (tag, expires, q...).</summary>
    public SipParameters Parameters { get; }

    /// <summary>The <c>tag</c> parameter (RFC 3261 19.3), or null.</summary>
    public string? Tag => Parameters.GetValue("tag");

    /// <summary>The Contact <c>expires</c> parameter (RFC 3261 20.10), or null; values over 2^32-1 are clamped.</summary>
    public TimeSpan? Expires => SipValueParsers.ParseDeltaSeconds(Parameters.GetValue("expires"));

    /// <summary>Parses a name-addr or addr-spec with parameters; false when malformed (never throws on input).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipNameAddress? value)
    {
        value = null;
        var s = SipChars.TrimLws(text);
        if (s.Length == 0)
        {
            return false;
        }

        string? display = null;
        ReadOnlySpan<char> uriText;
        ReadOnlySpan<char> after;
        if (s[0] == '"')
        {
            var q = SipText.SkipQuoted(s, 0);
            if (q < 0)
            {
                return false;
            }

            display = SipText.Unquote(s[..q]);
            var rest = s[q..].TrimStart(" \t\r\n");
            if (rest.Length == 0 || rest[0] != '<')
            {
                return false;
            }

            if (!TrySplitAngle(rest, out uriText, out after))
            {
                return false;
            }
        }
        else
        {
            var lt = s.IndexOf('<');
            if (lt >= 0)
            {
                var name = SipChars.TrimLws(s[..lt]);
                if (name.Length > 0)
                {
                    // Unquoted display-name = *(token LWS) (RFC 3261 25.1): anything else must be quoted.
                    foreach (var range in name.SplitAny(" \t\r\n"))
                    {
                        var word = name[range];
                        if (word.Length > 0 && !SipChars.IsToken(word))
                        {
                            return false;
                        }
                    }

                    display = CollapseSpaces(name);
                }

                if (!TrySplitAngle(s[lt..], out uriText, out after))
                {
                    return false;
                }
            }
            else
            {
                // addr-spec: parameters after ';' belong to the header; '?' or ',' would need <> (RFC 3261 20).
                var semi = s.IndexOf(';');
                uriText = SipChars.TrimLws(semi < 0 ? s : s[..semi]);
                after = semi < 0 ? [] : s[semi..];
                if (uriText.ContainsAny("?,"))
                {
                    return false;
                }
            }
        }

        if (!SipUri.TryParse(uriText, out var uri))
        {
            return false;
        }

        var parameters = SipParameters.Empty;
        after = SipChars.TrimLws(after);
        if (after.Length > 0)
        {
            if (after[0] != ';' || !SipParameters.TryParse(after[1..], ';', false, out parameters))
            {
                return false;
            }
        }

        value = new SipNameAddress(uri, display, parameters);
        return true;
    }

    /// <summary>Parses, throwing for malformed text; for values written in code.</summary>
    /// <exception cref="FormatException">The text is not a name-addr or addr-spec.</exception>
    public static SipNameAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var v) ? v : throw new FormatException("Not a SIP name-addr.");
    }

    /// <summary>A copy with the <c>tag</c> parameter set.</summary>
    public SipNameAddress WithTag(string tag) => new(Uri, DisplayName, Parameters.With("tag", tag));

    /// <summary>A copy with parameter <paramref name="name"/> set (null value = flag).</summary>
    public SipNameAddress WithParameter(string name, string? value) => new(Uri, DisplayName, Parameters.With(name, value));

    /// <summary>The value in name-addr form: <c>"Name" &lt;uri&gt;;params</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(64);
        if (DisplayName is not null)
        {
            sb.Append(SipText.Quote(DisplayName)).Append(' ');
        }

        sb.Append('<').Append(Uri.ToString()).Append('>').Append(Parameters.FormatHeader());
        return sb.ToString();
    }

    private static bool TrySplitAngle(ReadOnlySpan<char> s, out ReadOnlySpan<char> uri, out ReadOnlySpan<char> after)
    {
        uri = [];
        after = [];
        var gt = s.IndexOf('>');
        if (s[0] != '<' || gt < 0)
        {
            return false;
        }

        uri = s[1..gt];
        after = s[(gt + 1)..];
        return true;
    }

    private static string CollapseSpaces(ReadOnlySpan<char> name)
    {
        var sb = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name)
        {
            if (SipChars.IsWhitespace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    internal static string FormatSeconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>Session-Expires (RFC 4028 section 4): the session interval and who refreshes it.</summary>
public sealed class SipSessionExpires
{
    /// <summary>Creates a value; <paramref name="refresher"/> is <c>uac</c>, <c>uas</c> or null.</summary>
    public SipSessionExpires(TimeSpan interval, string? refresher = null, SipParameters? parameters = null)
    {
        Interval = interval;
        var p = parameters ?? SipParameters.Empty;
        Parameters = refresher is null ? p : p.With("refresher", refresher);
    }

    /// <summary>The session interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The <c>refresher</c> parameter (<c>uac</c> or <c>uas</c>), or null.</summary>
    public string? Refresher => Parameters.GetValue("refresher");

    /// <summary>All parameters.</summary>
    public SipParameters Parameters { get; }

    /// <summary>Parses <c>delta-seconds *(;se-params)</c>; false when malformed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipSessionExpires? value)
    {
        value = null;
        var s = SipChars.TrimLws(text);
        var semi = s.IndexOf(';');
        if (SipValueParsers.ParseDeltaSeconds(semi < 0 ? s : s[..semi]) is not { } interval)
        {
            return false;
        }

        var parameters = SipParameters.Empty;
        if (semi >= 0 && !SipParameters.TryParse(s[(semi + 1)..], ';', false, out parameters))
        {
            return false;
        }

        value = new SipSessionExpires(interval, null, parameters);
        return true;
    }

    /// <summary>The value as written: <c>1800;refresher=uac</c>.</summary>
    public override string ToString()
        => new StringBuilder().Append(SipNameAddress.FormatSeconds(Interval)).Append(Parameters.FormatHeader()).ToString();
}

using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>Maps header names (long, compact, any case) to <see cref="SipHeaderKind"/> without allocating.</summary>
internal static class SipHeaderTable
{
    private static readonly string[] CanonicalNames = BuildCanonical();
    private static readonly byte[][] LongNames = BuildLong();
    private static readonly SipHeaderKind[] Compact = BuildCompact();

    internal static string GetCanonicalName(SipHeaderKind kind) => CanonicalNames[(int)kind];

    internal static ReadOnlySpan<byte> GetCanonicalUtf8(SipHeaderKind kind) => LongNames[(int)kind];

    internal static SipHeaderKind GetKind(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c is >= 'a' and <= 'z' ? Compact[c - 'a'] : SipHeaderKind.Unknown;
        }

        var first = name.Length > 0 ? name[0] | 0x20 : 0;
        var names = LongNames;
        for (var i = 1; i < names.Length; i++)
        {
            var candidate = names[i];
            if (candidate.Length == name.Length && (candidate[0] | 0x20) == first && System.Text.Ascii.EqualsIgnoreCase(candidate, name))
            {
                return (SipHeaderKind)i;
            }
        }

        return SipHeaderKind.Unknown;
    }

    internal static SipHeaderKind GetKind(string name)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (name.Length > buffer.Length || !System.Text.Ascii.IsValid(name))
        {
            return SipHeaderKind.Unknown;
        }

        var n = Encoding.ASCII.GetBytes(name, buffer);
        return GetKind(buffer[..n]);
    }

    private static string[] BuildCanonical()
    {
        var values = Enum.GetValues<SipHeaderKind>();
        var names = new string[values.Length];
        names[0] = string.Empty;
        names[(int)SipHeaderKind.Via] = SipHeaderNames.Via;
        names[(int)SipHeaderKind.From] = SipHeaderNames.From;
        names[(int)SipHeaderKind.To] = SipHeaderNames.To;
        names[(int)SipHeaderKind.CallId] = SipHeaderNames.CallId;
        names[(int)SipHeaderKind.CSeq] = SipHeaderNames.CSeq;
        names[(int)SipHeaderKind.Contact] = SipHeaderNames.Contact;
        names[(int)SipHeaderKind.MaxForwards] = SipHeaderNames.MaxForwards;
        names[(int)SipHeaderKind.ContentType] = SipHeaderNames.ContentType;
        names[(int)SipHeaderKind.ContentLength] = SipHeaderNames.ContentLength;
        names[(int)SipHeaderKind.ContentEncoding] = SipHeaderNames.ContentEncoding;
        names[(int)SipHeaderKind.Route] = SipHeaderNames.Route;
        names[(int)SipHeaderKind.RecordRoute] = SipHeaderNames.RecordRoute;
        names[(int)SipHeaderKind.Expires] = SipHeaderNames.Expires;
        names[(int)SipHeaderKind.MinExpires] = SipHeaderNames.MinExpires;
        names[(int)SipHeaderKind.WwwAuthenticate] = SipHeaderNames.WwwAuthenticate;
        names[(int)SipHeaderKind.ProxyAuthenticate] = SipHeaderNames.ProxyAuthenticate;
        names[(int)SipHeaderKind.Authorization] = SipHeaderNames.Authorization;
        names[(int)SipHeaderKind.ProxyAuthorization] = SipHeaderNames.ProxyAuthorization;
        names[(int)SipHeaderKind.SessionExpires] = SipHeaderNames.SessionExpires;
        names[(int)SipHeaderKind.MinSE] = SipHeaderNames.MinSE;
        names[(int)SipHeaderKind.CallInfo] = SipHeaderNames.CallInfo;
        names[(int)SipHeaderKind.AlertInfo] = SipHeaderNames.AlertInfo;
        names[(int)SipHeaderKind.Supported] = SipHeaderNames.Supported;
        names[(int)SipHeaderKind.Require] = SipHeaderNames.Require;
        names[(int)SipHeaderKind.Unsupported] = SipHeaderNames.Unsupported;
        names[(int)SipHeaderKind.Allow] = SipHeaderNames.Allow;
        names[(int)SipHeaderKind.Accept] = SipHeaderNames.Accept;
        names[(int)SipHeaderKind.UserAgent] = SipHeaderNames.UserAgent;
        names[(int)SipHeaderKind.Server] = SipHeaderNames.Server;
        names[(int)SipHeaderKind.Subject] = SipHeaderNames.Subject;
        names[(int)SipHeaderKind.Event] = SipHeaderNames.Event;
        names[(int)SipHeaderKind.AllowEvents] = SipHeaderNames.AllowEvents;
        names[(int)SipHeaderKind.ReferTo] = SipHeaderNames.ReferTo;
        names[(int)SipHeaderKind.ReferredBy] = SipHeaderNames.ReferredBy;
        names[(int)SipHeaderKind.Identity] = SipHeaderNames.Identity;
        names[(int)SipHeaderKind.RetryAfter] = SipHeaderNames.RetryAfter;
        names[(int)SipHeaderKind.Reason] = SipHeaderNames.Reason;
        names[(int)SipHeaderKind.Warning] = SipHeaderNames.Warning;
        names[(int)SipHeaderKind.Date] = SipHeaderNames.Date;
        names[(int)SipHeaderKind.SubscriptionState] = SipHeaderNames.SubscriptionState;
        names[(int)SipHeaderKind.AcceptContact] = SipHeaderNames.AcceptContact;
        names[(int)SipHeaderKind.RejectContact] = SipHeaderNames.RejectContact;
        names[(int)SipHeaderKind.RequestDisposition] = SipHeaderNames.RequestDisposition;
        return names;
    }

    private static byte[][] BuildLong()
    {
        var canonical = BuildCanonical();
        var result = new byte[canonical.Length][];
        for (var i = 0; i < canonical.Length; i++)
        {
            result[i] = Encoding.ASCII.GetBytes(canonical[i]);
        }

        return result;
    }

    private static SipHeaderKind[] BuildCompact()
    {
        var table = new SipHeaderKind[26];
        table['a' - 'a'] = SipHeaderKind.AcceptContact;
        table['b' - 'a'] = SipHeaderKind.ReferredBy;
        table['c' - 'a'] = SipHeaderKind.ContentType;
        table['d' - 'a'] = SipHeaderKind.RequestDisposition;
        table['e' - 'a'] = SipHeaderKind.ContentEncoding;
        table['f' - 'a'] = SipHeaderKind.From;
        table['i' - 'a'] = SipHeaderKind.CallId;
        table['j' - 'a'] = SipHeaderKind.RejectContact;
        table['k' - 'a'] = SipHeaderKind.Supported;
        table['l' - 'a'] = SipHeaderKind.ContentLength;
        table['m' - 'a'] = SipHeaderKind.Contact;
        table['o' - 'a'] = SipHeaderKind.Event;
        table['r' - 'a'] = SipHeaderKind.ReferTo;
        table['s' - 'a'] = SipHeaderKind.Subject;
        table['t' - 'a'] = SipHeaderKind.To;
        table['u' - 'a'] = SipHeaderKind.AllowEvents;
        table['v' - 'a'] = SipHeaderKind.Via;
        table['x' - 'a'] = SipHeaderKind.SessionExpires;
        table['y' - 'a'] = SipHeaderKind.Identity;
        return table;
    }
}

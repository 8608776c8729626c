namespace CallSync.Sip.Syntax;

/// <summary>Typed header accessors, each parsed on first use and cached.</summary>
public abstract partial class SipMessage
{
    private IReadOnlyList<SipVia>? _vias;
    private SipNameAddress? _from;
    private SipNameAddress? _to;
    private IReadOnlyList<SipNameAddress>? _contacts;
    private IReadOnlyList<SipNameAddress>? _routes;
    private IReadOnlyList<SipNameAddress>? _recordRoutes;
    private IReadOnlyList<SipAuthenticationHeaderValue>?[]? _auth;
    private IReadOnlyList<SipUriReference>? _callInfo;
    private IReadOnlyList<SipUriReference>? _alertInfo;
    private SipSessionExpires? _sessionExpires;
    private IReadOnlyList<SipWarning>? _warnings;

    /// <summary>Every Via entry, top first (comma lists and repeated headers flattened); empty when any is malformed.</summary>
    public IReadOnlyList<SipVia> Vias => _vias ??= ParseList<SipVia>(SipHeaderKind.Via, SipVia.TryParse);

    /// <summary>The topmost Via, or null.</summary>
    public SipVia? TopVia => Vias.Count > 0 ? Vias[0] : null;

    /// <summary>The From header, or null when malformed.</summary>
    public SipNameAddress? From => _from ??= ParseSingle<SipNameAddress>(SipHeaderKind.From, SipNameAddress.TryParse);

    /// <summary>The To header, or null when malformed.</summary>
    public SipNameAddress? To => _to ??= ParseSingle<SipNameAddress>(SipHeaderKind.To, SipNameAddress.TryParse);

    /// <summary>The Call-ID (checked present when parsed).</summary>
    public string CallId => Headers.GetValue(SipHeaderKind.CallId) ?? string.Empty;

    /// <summary>
    /// The CSeq (checked when parsed). Only on a partial request from <see cref="SipParseError.Request"/> whose
    /// CSeq was malformed is this <c>default</c> (Method null).
    /// </summary>
    public SipCSeq CSeq
    {
        get
        {
            var i = Headers.IndexOf(SipHeaderKind.CSeq);
            return i >= 0 && SipCSeq.TryParse(Headers.GetRawValue(i), out var c) ? c : default;
        }
    }

    /// <summary>Contact entries; empty when absent, malformed or <c>*</c>.</summary>
    public IReadOnlyList<SipNameAddress> Contacts => _contacts ??= IsContactWildcard ? [] : ParseList<SipNameAddress>(SipHeaderKind.Contact, SipNameAddress.TryParse);

    /// <summary>True for <c>Contact: *</c> (REGISTER removing all bindings, RFC 3261 10.2.2).</summary>
    public bool IsContactWildcard
    {
        get
        {
            var i = Headers.IndexOf(SipHeaderKind.Contact);
            return i >= 0 && Headers.GetRawValue(i).SequenceEqual("*"u8);
        }
    }

    /// <summary>Route entries in order.</summary>
    public IReadOnlyList<SipNameAddress> Routes => _routes ??= ParseList<SipNameAddress>(SipHeaderKind.Route, SipNameAddress.TryParse);

    /// <summary>Record-Route entries in order.</summary>
    public IReadOnlyList<SipNameAddress> RecordRoutes => _recordRoutes ??= ParseList<SipNameAddress>(SipHeaderKind.RecordRoute, SipNameAddress.TryParse);

    /// <summary>Max-Forwards, or null when absent (checked 0-255 when parsed).</summary>
    public int? MaxForwards => Headers.IndexOf(SipHeaderKind.MaxForwards) is var i and >= 0
        && SipMessageParser.TryParseDigits(Headers.GetRawValue(i), out var v) ? (int)v : null;

    /// <summary>Content-Type, or null.</summary>
    public string? ContentType => Headers.GetValue(SipHeaderKind.ContentType);

    /// <summary>Expires (RFC 3261 20.19), or null when absent or not delta-seconds.</summary>
    public TimeSpan? Expires => SipValueParsers.ParseDeltaSeconds(Headers.GetValue(SipHeaderKind.Expires));

    /// <summary>Min-Expires (RFC 3261 20.23), or null.</summary>
    public TimeSpan? MinExpires => SipValueParsers.ParseDeltaSeconds(Headers.GetValue(SipHeaderKind.MinExpires));

    /// <summary>WWW-Authenticate challenges (one per header line).</summary>
    public IReadOnlyList<SipAuthenticationHeaderValue> WwwAuthenticate => GetAuth(0, SipHeaderKind.WwwAuthenticate);

    /// <summary>Proxy-Authenticate challenges (one per header line).</summary>
    public IReadOnlyList<SipAuthenticationHeaderValue> ProxyAuthenticate => GetAuth(1, SipHeaderKind.ProxyAuthenticate);

    /// <summary>Authorization credentials (one per header line).</summary>
    public IReadOnlyList<SipAuthenticationHeaderValue> Authorization => GetAuth(2, SipHeaderKind.Authorization);

    /// <summary>Proxy-Authorization credentials (one per header line).</summary>
    public IReadOnlyList<SipAuthenticationHeaderValue> ProxyAuthorization => GetAuth(3, SipHeaderKind.ProxyAuthorization);

    /// <summary>Session-Expires (RFC 4028), or null.</summary>
    public SipSessionExpires? SessionExpires => _sessionExpires ??= ParseSingle<SipSessionExpires>(SipHeaderKind.SessionExpires, SipSessionExpires.TryParse);

    /// <summary>Min-SE (RFC 4028), or null.</summary>
    public TimeSpan? MinSessionExpires
    {
        get
        {
            var v = Headers.GetValue(SipHeaderKind.MinSE);
            if (v is null)
            {
                return null;
            }

            var semi = v.IndexOf(';', StringComparison.Ordinal);
            return SipValueParsers.ParseDeltaSeconds(semi < 0 ? v.AsSpan() : v.AsSpan(0, semi));
        }
    }

    /// <summary>Call-Info entries.</summary>
    public IReadOnlyList<SipUriReference> CallInfo => _callInfo ??= ParseList<SipUriReference>(SipHeaderKind.CallInfo, SipUriReference.TryParse);

    /// <summary>Alert-Info entries.</summary>
    public IReadOnlyList<SipUriReference> AlertInfo => _alertInfo ??= ParseList<SipUriReference>(SipHeaderKind.AlertInfo, SipUriReference.TryParse);

    /// <summary>The first <c>answer-after</c> parameter of Call-Info (auto-answer / intercom), or null.</summary>
    public TimeSpan? AnswerAfter
    {
        get
        {
            foreach (var info in CallInfo)
            {
                if (SipValueParsers.ParseDeltaSeconds(info.Parameters.GetValue("answer-after")) is { } delay)
                {
                    return delay;
                }
            }

            return null;
        }
    }

    /// <summary>Option tags of Supported.</summary>
    public IReadOnlyList<string> Supported => GetTokens(SipHeaderKind.Supported);

    /// <summary>Option tags of Require.</summary>
    public IReadOnlyList<string> Require => GetTokens(SipHeaderKind.Require);

    /// <summary>Methods of Allow.</summary>
    public IReadOnlyList<string> Allow => GetTokens(SipHeaderKind.Allow);

    /// <summary>Warning values (RFC 3261 20.43), e.g. why a peer answered 488; empty when any is malformed.</summary>
    public IReadOnlyList<SipWarning> Warnings => _warnings ??= ParseList<SipWarning>(SipHeaderKind.Warning, SipWarning.TryParse);

    /// <summary>User-Agent, or null.</summary>
    public string? UserAgent => Headers.GetValue(SipHeaderKind.UserAgent);

    /// <summary>
    /// Parses every typed header the stack relies on (Via, From, To, Contact, Route, Record-Route, Expires,
    /// Session-Expires, authentication headers) and reports the first malformed one. Parsing itself only checks
    /// the structure and scalar fields, so a UAS calls this before acting on a request.
    /// </summary>
    public bool TryValidate(out SipParseError error)
    {
        string? reason = null;
        if (Vias.Count == 0)
        {
            reason = "Malformed Via";
        }
        else if (From is null)
        {
            reason = "Malformed From";
        }
        else if (To is null)
        {
            reason = "Malformed To";
        }
        else if (Headers.IndexOf(SipHeaderKind.Contact) >= 0 && !IsContactWildcard && Contacts.Count == 0)
        {
            reason = "Malformed Contact";
        }
        else if (Headers.IndexOf(SipHeaderKind.Route) >= 0 && Routes.Count == 0)
        {
            reason = "Malformed Route";
        }
        else if (Headers.IndexOf(SipHeaderKind.RecordRoute) >= 0 && RecordRoutes.Count == 0)
        {
            reason = "Malformed Record-Route";
        }
        else if (Headers.IndexOf(SipHeaderKind.Expires) >= 0 && Expires is null)
        {
            reason = "Malformed Expires";
        }
        else if (Headers.IndexOf(SipHeaderKind.SessionExpires) >= 0 && SessionExpires is null)
        {
            reason = "Malformed Session-Expires";
        }
        else if ((Headers.IndexOf(SipHeaderKind.WwwAuthenticate) >= 0 && WwwAuthenticate.Count == 0)
            || (Headers.IndexOf(SipHeaderKind.ProxyAuthenticate) >= 0 && ProxyAuthenticate.Count == 0)
            || (Headers.IndexOf(SipHeaderKind.Authorization) >= 0 && Authorization.Count == 0)
            || (Headers.IndexOf(SipHeaderKind.ProxyAuthorization) >= 0 && ProxyAuthorization.Count == 0))
        {
            reason = "Malformed authentication header";
        }
        else
        {
            foreach (var c in Contacts)
            {
                if (c.Parameters.Contains("expires") && c.Expires is null)
                {
                    reason = "Malformed Contact expires";
                    break;
                }
            }
        }

        if (reason is null)
        {
            error = SipParseError.None;
            return true;
        }

        var request = this as SipRequest;
        // Parsing guaranteed Via, From, To, Call-ID and CSeq are present; a response copies them verbatim.
        var canRespond = request is not null;
        error = new SipParseError(reason, canRespond ? 400 : 0, canRespond ? request : null);
        return false;
    }

    internal void CopyTo(SipMessageBuilder builder)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            builder.AddParsedHeader(Headers.GetName(i), Headers.GetValue(i));
        }

        builder.Body = Body.ToArray();
    }

    private delegate bool TryParser<T>(ReadOnlySpan<char> text, out T? value);

    private T? ParseSingle<T>(SipHeaderKind kind, TryParser<T> parser)
        where T : class
    {
        var v = Headers.GetValue(kind);
        return v is not null && parser(v, out var result) ? result : null;
    }

    private List<T> ParseList<T>(SipHeaderKind kind, TryParser<T> parser)
        where T : class
    {
        List<T>? result = null;
        List<Range>? ranges = null;
        var entries = Headers.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Kind != kind)
            {
                continue;
            }

            var text = Headers.GetValue(i);
            ranges ??= new List<Range>(2);
            ranges.Clear();
            if (!SipText.TrySplitList(text, ranges))
            {
                return [];
            }

            foreach (var r in ranges)
            {
                if (!parser(text.AsSpan()[r], out var item))
                {
                    return [];
                }

                (result ??= new List<T>(2)).Add(item!);
            }
        }

        return result is null ? [] : result;
    }

    private IReadOnlyList<SipAuthenticationHeaderValue> GetAuth(int slot, SipHeaderKind kind)
    {
        _auth ??= new IReadOnlyList<SipAuthenticationHeaderValue>?[4];
        if (_auth[slot] is { } cached)
        {
            return cached;
        }

        List<SipAuthenticationHeaderValue>? list = null;
        var entries = Headers.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Kind != kind)
            {
                continue;
            }

            if (!SipAuthenticationHeaderValue.TryParse(Headers.GetValue(i), out var v))
            {
                list = null;
                break;
            }

            (list ??= []).Add(v);
        }

        IReadOnlyList<SipAuthenticationHeaderValue> result = list is null ? [] : list;
        _auth[slot] = result;
        return result;
    }

    private List<string> GetTokens(SipHeaderKind kind)
    {
        var result = new List<string>();
        var entries = Headers.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Kind != kind)
            {
                continue;
            }

            foreach (var range in Headers.GetValue(i).AsSpan().Split(','))
            {
                var token = SipChars.TrimLws(Headers.GetValue(i).AsSpan()[range]);
                if (token.Length > 0)
                {
                    result.Add(token.ToString());
                }
            }
        }

        return result;
    }
}

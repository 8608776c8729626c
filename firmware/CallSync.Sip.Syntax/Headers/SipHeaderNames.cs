namespace CallSync.Sip.Syntax;

/// <summary>
/// Canonical (long-form) names of the header fields the codec knows. Lookups by any of these names also
/// match the compact form (RFC 3261 section 7.3.3, RFC 3515, RFC 4028, RFC 6665) and any letter case.
/// </summary>
public static class SipHeaderNames
{
    /// <summary>Via (compact v).</summary>
    public const string Via = "Via";
    /// <summary>From (compact f).</summary>
    public const string From = "From";
    /// <summary>To (compact t).</summary>
    public const string To = "To";
    /// <summary>Call-ID (compact i).</summary>
    public const string CallId = "Call-ID";
    /// <summary>CSeq.</summary>
    public const string CSeq = "CSeq";
    /// <summary>Contact (compact m).</summary>
    public const string Contact = "Contact";
    /// <summary>Max-Forwards.</summary>
    public const string MaxForwards = "Max-Forwards";
    /// <summary>Content-Type (compact c).</summary>
    public const string ContentType = "Content-Type";
    /// <summary>Content-Length (compact l).</summary>
    public const string ContentLength = "Content-Length";
    /// <summary>Content-Encoding (compact e).</summary>
    public const string ContentEncoding = "Content-Encoding";
    /// <summary>Route.</summary>
    public const string Route = "Route";
    /// <summary>Record-Route.</summary>
    public const string RecordRoute = "Record-Route";
    /// <summary>Expires.</summary>
    public const string Expires = "Expires";
    /// <summary>Min-Expires.</summary>
    public const string MinExpires = "Min-Expires";
    /// <summary>WWW-Authenticate.</summary>
    public const string WwwAuthenticate = "WWW-Authenticate";
    /// <summary>Proxy-Authenticate.</summary>
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    /// <summary>Authorization.</summary>
    public const string Authorization = "Authorization";
    /// <summary>Proxy-Authorization.</summary>
    public const string ProxyAuthorization = "Proxy-Authorization";
    /// <summary>Session-Expires (compact x, RFC 4028).</summary>
    public const string SessionExpires = "Session-Expires";
    /// <summary>Min-SE (RFC 4028).</summary>
    public const string MinSE = "Min-SE";
    /// <summary>Call-Info.</summary>
    public const string CallInfo = "Call-Info";
    /// <summary>Alert-Info.</summary>
    public const string AlertInfo = "Alert-Info";
    /// <summary>Supported (compact k).</summary>
    public const string Supported = "Supported";
    /// <summary>Require.</summary>
    public const string Require = "Require";
    /// <summary>Unsupported.</summary>
    public const string Unsupported = "Unsupported";
    /// <summary>Allow.</summary>
    public const string Allow = "Allow";
    /// <summary>Accept.</summary>
    public const string Accept = "Accept";
    /// <summary>User-Agent.</summary>
    public const string UserAgent = "User-Agent";
    /// <summary>Server.</summary>
    public const string Server = "Server";
    /// <summary>Subject (compact s).</summary>
    public const string Subject = "Subject";
    /// <summary>Event (compact o, RFC 6665).</summary>
    public const string Event = "Event";
    /// <summary>Allow-Events (compact u, RFC 6665).</summary>
    public const string AllowEvents = "Allow-Events";
    /// <summary>Refer-To (compact r, RFC 3515).</summary>
    public const string ReferTo = "Refer-To";
    /// <summary>Referred-By (compact b, RFC 3892).</summary>
    public const string ReferredBy = "Referred-By";
    /// <summary>Identity (compact y, RFC 8224).</summary>
    public const string Identity = "Identity";
    /// <summary>Retry-After.</summary>
    public const string RetryAfter = "Retry-After";
    /// <summary>Reason (RFC 3326).</summary>
    public const string Reason = "Reason";
    /// <summary>Warning.</summary>
    public const string Warning = "Warning";
    /// <summary>Date.</summary>
    public const string Date = "Date";
    /// <summary>Subscription-State (RFC 6665).</summary>
    public const string SubscriptionState = "Subscription-State";
    /// <summary>Accept-Contact (compact a, RFC 3841).</summary>
    public const string AcceptContact = "Accept-Contact";
    /// <summary>Reject-Contact (compact j, RFC 3841).</summary>
    public const string RejectContact = "Reject-Contact";
    /// <summary>Request-Disposition (compact d, RFC 3841).</summary>
    public const string RequestDisposition = "Request-Disposition";
}

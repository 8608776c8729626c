using System.Globalization;

namespace CallSync.Sip.Syntax;

/// <summary>Builds a request (RFC 3261 section 8.1.1).</summary>
public sealed class SipRequestBuilder : SipMessageBuilder
{
    /// <summary>Starts a request with the given start line and no headers.</summary>
    /// <exception cref="ArgumentException">The Request-URI is empty or contains whitespace.</exception>
    public SipRequestBuilder(SipMethod method, string requestUri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(requestUri);
        if (requestUri.AsSpan().ContainsAny(SipChars.UriForbidden))
        {
            throw new ArgumentException("The Request-URI must not contain whitespace, quotes or angle brackets.", nameof(requestUri));
        }

        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>Copies a parsed (possibly partial) request's start line without re-checking it.</summary>
    internal SipRequestBuilder(SipMethod method, string requestUri, bool parsed)
    {
        _ = parsed;
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>The method.</summary>
    public SipMethod Method { get; set; }

    /// <summary>The Request-URI text.</summary>
    public string RequestUri { get; set; }

    /// <summary>
    /// Starts a request with the mandatory headers in the usual order: Via, Max-Forwards, From, To, Call-ID, CSeq
    /// (RFC 3261 8.1.1). Contact, Content-Type and the body are added by the caller.
    /// </summary>
    public static SipRequestBuilder Create(SipMethod method, SipUri requestUri, SipVia via, SipNameAddress from, SipNameAddress to, string callId, uint sequence, int maxForwards = 70)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(via);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var b = new SipRequestBuilder(method, requestUri.ToString());
        b.AddHeader(SipHeaderNames.Via, via.ToString());
        b.AddHeader(SipHeaderNames.MaxForwards, maxForwards.ToString(CultureInfo.InvariantCulture));
        b.AddHeader(SipHeaderNames.From, from.ToString());
        b.AddHeader(SipHeaderNames.To, to.ToString());
        b.AddHeader(SipHeaderNames.CallId, callId);
        b.AddHeader(SipHeaderNames.CSeq, new SipCSeq(sequence, method).ToString());
        return b;
    }

    /// <summary>Serialises and re-parses into an immutable request.</summary>
    /// <exception cref="InvalidOperationException">The headers set do not make a valid request (a bug in the caller).</exception>
    public SipRequest Build() => (SipRequest)BuildMessage();

    private protected override string GetStartLine() => Method.Name + " " + RequestUri + " SIP/2.0";
}

using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>A SIP request (RFC 3261 section 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    private readonly int _uriStart;
    private readonly int _uriLength;
    private string? _uriText;
    private SipUri? _uri;
    private bool _uriParsed;

    internal SipRequest(byte[] data, int startLineLength, SipMethod method, int uriStart, int uriLength, HeaderEntry[] entries, int bodyStart, int bodyLength)
        : base(data, startLineLength, entries, bodyStart, bodyLength)
    {
        Method = method;
        _uriStart = uriStart;
        _uriLength = uriLength;
    }

    /// <inheritdoc/>
    public override bool IsRequest => true;

    /// <summary>The request method.</summary>
    public SipMethod Method { get; }

    /// <summary>The Request-URI exactly as on the request line.</summary>
    public string RequestUriText => _uriText ??= Encoding.UTF8.GetString(Data, _uriStart, _uriLength);

    /// <summary>The Request-URI parsed, or null when its scheme is not sip, sips or tel (answer 416).</summary>
    public SipUri? RequestUri
    {
        get
        {
            if (!_uriParsed)
            {
                _uri = SipUri.TryParse(RequestUriText, out var uri) ? uri : null;
                _uriParsed = true;
            }

            return _uri;
        }
    }

    /// <summary>A builder holding a copy of this request's start line, headers and body.</summary>
    public SipRequestBuilder ToBuilder()
    {
        var b = new SipRequestBuilder(Method, RequestUriText, parsed: true);
        CopyTo(b);
        return b;
    }
}

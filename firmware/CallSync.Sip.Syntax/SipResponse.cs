using System.Text;

namespace CallSync.Sip.Syntax;

/// <summary>A SIP response (RFC 3261 section 7.2).</summary>
public sealed class SipResponse : SipMessage
{
    private readonly int _reasonStart;
    private readonly int _reasonLength;
    private string? _reason;

    internal SipResponse(byte[] data, int startLineLength, int statusCode, int reasonStart, int reasonLength, HeaderEntry[] entries, int bodyStart, int bodyLength)
        : base(data, startLineLength, entries, bodyStart, bodyLength)
    {
        StatusCode = statusCode;
        _reasonStart = reasonStart;
        _reasonLength = reasonLength;
    }

    /// <inheritdoc/>
    public override bool IsRequest => false;

    /// <summary>The status code, 100-699.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase (UTF-8, possibly empty).</summary>
    public string ReasonPhrase => _reason ??= Encoding.UTF8.GetString(Data, _reasonStart, _reasonLength);

    /// <summary>True for 1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>A builder holding a copy of this response's status line, headers and body.</summary>
    public SipResponseBuilder ToBuilder()
    {
        var b = new SipResponseBuilder(StatusCode, ReasonPhrase);
        CopyTo(b);
        return b;
    }
}

namespace CallSync.Sip.Syntax;

/// <summary>
/// Why a message was rejected. When the request line, Via, From, To, Call-ID and CSeq could be read,
/// <see cref="Request"/> holds them so the caller can answer with <see cref="StatusCode"/> and <see cref="Reason"/>
/// (RFC 3261 section 8.2: a malformed request gets a 400 carrying the reason); otherwise the message is dropped.
/// </summary>
public sealed class SipParseError
{
    /// <summary>The value returned on success.</summary>
    public static readonly SipParseError None = new(string.Empty, 0, null);

    internal SipParseError(string reason, int statusCode, SipRequest? request)
    {
        Reason = reason;
        StatusCode = statusCode;
        Request = request;
    }

    /// <summary>A short, loggable reason, suitable as the reason phrase of the error response.</summary>
    public string Reason { get; }

    /// <summary>The status to answer with (400, 505, 513...), or 0 when the input is not worth an answer.</summary>
    public int StatusCode { get; }

    /// <summary>The request as far as it could be read, or null when it cannot be answered.</summary>
    public SipRequest? Request { get; }

    /// <summary>True when <see cref="Request"/> is usable to build an error response.</summary>
    public bool CanRespond => Request is not null && StatusCode != 0;

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => ReferenceEquals(this, None);

    internal static SipParseError Drop(string reason) => new(reason, 0, null);

    /// <inheritdoc/>
    public override string ToString() => IsNone ? "no error" : $"{StatusCode} {Reason}";
}

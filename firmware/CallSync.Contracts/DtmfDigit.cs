namespace CallSync.Contracts;

/// <summary>A DTMF digit the remote party sent during the call.</summary>
public sealed record DtmfDigit
{
    /// <summary>Sent as an RFC 4733 telephone-event in the RTP stream.</summary>
    public const string Rfc4733 = "rfc4733";

    /// <summary>Sent as SIP INFO (<c>application/dtmf-relay</c> or <c>application/dtmf</c>).</summary>
    public const string SipInfo = "sip-info";

    /// <summary>0-9, *, #, A-D.</summary>
    public required string Digit { get; init; }

    /// <summary>Seconds from the answer to the digit (millisecond precision).</summary>
    public required double OffsetSeconds { get; init; }

    /// <summary>How it was sent: <see cref="Rfc4733"/> or <see cref="SipInfo"/>.</summary>
    public required string Method { get; init; }
}

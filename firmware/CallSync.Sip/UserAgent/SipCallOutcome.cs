namespace CallSync.Sip.UserAgent;

/// <summary>Everything the call record needs about a finished call; times come from the injected TimeProvider.</summary>
public sealed record SipCallOutcome
{
    /// <summary>The SIP Call-ID.</summary>
    public required string CallId { get; init; }

    /// <summary>Incoming or outgoing.</summary>
    public required SipCallDirection Direction { get; init; }

    /// <summary>The local party's URI (From for outgoing, To for incoming).</summary>
    public required string LocalUri { get; init; }

    /// <summary>The remote party's URI.</summary>
    public required string RemoteUri { get; init; }

    /// <summary>The remote party's user part (the number), or null.</summary>
    public string? RemoteNumber { get; init; }

    /// <summary>How it ended.</summary>
    public required SipCallResult Result { get; init; }

    /// <summary>The final SIP status of the INVITE (200 for an answered call), or a local code (408, 486...).</summary>
    public required int StatusCode { get; init; }

    /// <summary>The reason phrase or a local description.</summary>
    public required string Reason { get; init; }

    /// <summary>Who ended the call.</summary>
    public required SipCallParty EndedBy { get; init; }

    /// <summary>When the INVITE was sent or received.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When ringing started, or null.</summary>
    public DateTimeOffset? RingingAt { get; init; }

    /// <summary>When the call was answered, or null.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }
}

using CallSync.Contracts;

namespace CallSync.Records;

/// <summary>
/// Everything the SIP, media and recording layers know about one ended call; the composition root fills it
/// and hands it to <see cref="CallSplitter.Split"/>. Instants are UTC from the agent's TimeProvider.
/// </summary>
public sealed record FinishedCall
{
    /// <summary>Allocated when the call starts (it names the recording file); becomes the record id.</summary>
    public required Guid RecordId { get; init; }

    /// <summary>The SIP Call-ID.</summary>
    public required string CallId { get; init; }

    /// <summary>Outgoing or incoming.</summary>
    public required CallDirection Direction { get; init; }

    /// <summary>The local number as used in the call (From user part for outgoing, To user part for incoming).</summary>
    public required string LocalNumber { get; init; }

    /// <summary>As dialled (outgoing) or as presented (incoming).</summary>
    public required string RemoteNumber { get; init; }

    /// <summary>INVITE sent or received.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>First 180/183 (outgoing) or ringer start (incoming); null when it never rang.</summary>
    public DateTimeOffset? RingingAt { get; init; }

    /// <summary>2xx received / answer sent; null when unanswered.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>BYE / CANCEL / final failure.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Outcome.</summary>
    public required CallResult Result { get; init; }

    /// <summary>Final status of the INVITE transaction, if any.</summary>
    public int? SipStatus { get; init; }

    /// <summary>Its reason phrase, if any.</summary>
    public string? SipReason { get; init; }

    /// <summary>Who ended the call.</summary>
    public required CallEndedBy EndedBy { get; init; }

    /// <summary>Negotiated codec, e.g. "PCMU/8000"; null when no media was set up.</summary>
    public string? Codec { get; init; }

    /// <summary>Media statistics of the received stream; null when no media flowed.</summary>
    public CallQuality? Quality { get; init; }

    /// <summary>What started the call.</summary>
    public required CallOrigin Origin { get; init; }

    /// <summary>DTMF digits the remote party sent, in order.</summary>
    public IReadOnlyList<DtmfDigit> Dtmf { get; init; } = [];

    /// <summary>The finalised recording, or null when there is none.</summary>
    public FinishedRecording? Recording { get; init; }

    /// <summary>The data disk was full during the call or since the previous record (the record's <c>diskFull</c> flag).</summary>
    public bool DiskFull { get; init; }
}

namespace CallSync.Contracts;

/// <summary>
/// The metadata of one finished call, published on <c>callsync/v1/devices/{deviceId}/calls</c>.
/// Schema: docs/schemas/call-record.schema.json; semantics: docs/call-record.md.
/// </summary>
public sealed record CallRecord
{
    /// <summary>The schema version this type writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Schema version; readers ignore properties they do not know.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Unique id of this record (UUID), also the recording id and the idempotency key at the hub.</summary>
    public required Guid RecordId { get; init; }

    /// <summary>The SIP Call-ID of the call's dialog.</summary>
    public required string CallId { get; init; }

    /// <summary>The device (desk phone) id; equals the MQTT client id.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The desk phone's own number (its SIP account user part).</summary>
    public required string DeviceNumber { get; init; }

    /// <summary>Outgoing or incoming.</summary>
    public required CallDirection Direction { get; init; }

    /// <summary>The desk phone's side as used in the call.</summary>
    public required PartyNumber LocalNumber { get; init; }

    /// <summary>The other party: as dialled (outgoing) or as presented (incoming).</summary>
    public required PartyNumber RemoteNumber { get; init; }

    /// <summary>When the call started (INVITE sent or received), UTC.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When ringing started (180/183 received, or the ringer started), UTC; null when it never rang.</summary>
    public DateTimeOffset? RingingAt { get; init; }

    /// <summary>When the call was answered, UTC; null when unanswered.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>When the call ended, UTC.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Seconds from ringing (or start) to answer (or end when unanswered).</summary>
    public double RingSeconds { get; init; }

    /// <summary>Seconds from answer to end; 0 when unanswered.</summary>
    public double TalkSeconds { get; init; }

    /// <summary>The outcome.</summary>
    public required CallResult Result { get; init; }

    /// <summary>The final SIP status code of the INVITE transaction (200, 486...), when there was one.</summary>
    public int? SipStatus { get; init; }

    /// <summary>The reason phrase of <see cref="SipStatus"/>, or a Reason header text.</summary>
    public string? SipReason { get; init; }

    /// <summary>Who ended the call.</summary>
    public required CallEndedBy EndedBy { get; init; }

    /// <summary>The negotiated audio codec (e.g. "PCMU/8000", "opus/48000/2"), null when no media was set up.</summary>
    public string? Codec { get; init; }

    /// <summary>
    /// How the call was protected: <c>none</c>, <c>tls</c> (SIP over TLS), <c>srtp</c> (SRTP with keys over plain SIP),
    /// <c>tls+srtp</c>. Media counts as SRTP only when every negotiation of the call agreed SRTP.
    /// </summary>
    public CallSecurity Security { get; init; }

    /// <summary>Media quality, null when no media flowed.</summary>
    public CallQuality? Quality { get; init; }

    /// <summary>What started the call.</summary>
    public required CallOrigin Origin { get; init; }

    /// <summary>The recording, or null when the call has none.</summary>
    public RecordingInfo? Recording { get; init; }

    /// <summary>DTMF digits the remote party sent, in order; empty when none.</summary>
    public IReadOnlyList<DtmfDigit> Dtmf { get; init; } = [];

    /// <summary>Conditions worth attention (values in <see cref="RecordFlags"/>); empty when none.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}

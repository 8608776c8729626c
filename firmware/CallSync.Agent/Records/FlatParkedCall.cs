using CallSync.Contracts;
using CallSync.Records;

namespace CallSync.Agent.Records;

/// <summary>A parked call as earlier agents wrote it in the journal: the call's fields flat, no device identity.</summary>
internal sealed record FlatParkedCall
{
    public required Guid RecordId { get; init; }

    public required string CallId { get; init; }

    public required CallDirection Direction { get; init; }

    public required string LocalNumber { get; init; }

    public required string RemoteNumber { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? RingingAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public required CallResult Result { get; init; }

    public int? SipStatus { get; init; }

    public string? SipReason { get; init; }

    public required CallEndedBy EndedBy { get; init; }

    public string? Codec { get; init; }

    public CallQuality? Quality { get; init; }

    public required CallOrigin Origin { get; init; }

    public IReadOnlyList<DtmfDigit> Dtmf { get; init; } = [];

    public FinishedRecording? Recording { get; init; }

    public FinishedCall ToFinishedCall() => new()
    {
        Record = new CallRecord
        {
            RecordId = RecordId,
            CallId = CallId,
            DeviceId = string.Empty,
            DeviceNumber = string.Empty,
            Direction = Direction,
            LocalNumber = PartyNumber.From(LocalNumber),
            RemoteNumber = PartyNumber.From(RemoteNumber),
            StartedAt = StartedAt,
            RingingAt = RingingAt,
            AnsweredAt = AnsweredAt,
            EndedAt = EndedAt,
            Result = Result,
            SipStatus = SipStatus,
            SipReason = SipReason,
            EndedBy = EndedBy,
            Codec = Codec,
            Quality = Quality,
            Origin = Origin,
            Dtmf = Dtmf,
        },
        Recording = Recording,
    };
}

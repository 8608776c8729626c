using CallSync.Hub.Storage;

namespace CallSync.Hub.Dialing;

/// <summary>What happened to a dial request: the HTTP layer maps each kind to one status code.</summary>
internal enum DialOutcomeKind
{
    Sent,
    InvalidNumber,
    NotBound,
    UnknownDevice,
    NotEnrolled,
    BrokerUnavailable,
}

/// <summary>The result of <see cref="DialService.RequestAsync"/>.</summary>
internal sealed record DialOutcome(DialOutcomeKind Kind, DialRequest? Request);

using CallSync.Hub.Storage;

namespace CallSync.Hub.Dialing;

/// <summary>What happened to a dial request: the HTTP layer maps each kind to one status code.</summary>
internal enum DialRequestOutcomeKind
{
    Sent,
    InvalidNumber,
    NotBound,
    UnknownDevice,
    NotEnrolled,
    BrokerUnavailable,
}

/// <summary>The result of <see cref="DialService.RequestAsync"/>.</summary>
internal sealed record DialRequestOutcome(DialRequestOutcomeKind Kind, DialRequest? Request);

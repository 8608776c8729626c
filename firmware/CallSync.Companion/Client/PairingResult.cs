using CallSync.Companion.Messages;
using CallSync.Companion.Security;

namespace CallSync.Companion.Client;

/// <summary>How a pairing attempt ended, as the companion sees it.</summary>
/// <param name="Status">Paired or who rejected.</param>
/// <param name="Reason">Why, when not paired.</param>
/// <param name="Code">The six digits that were compared.</param>
/// <param name="Credentials">What to store (0600) when paired; null otherwise.</param>
/// <param name="AttestationVerified">True when the attestation's signature verified with the device key sent along.</param>
public sealed record PairingResult(
    PairingStatus Status, string Reason, string Code, CompanionCredentials? Credentials, bool AttestationVerified);

using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: the pairing outcome.</summary>
/// <param name="Status">Outcome.</param>
/// <param name="Reason">Why, when not paired.</param>
/// <param name="CompanionId">Assigned companion id (empty unless paired).</param>
/// <param name="Attestation">Canonical JSON binding attestation (empty unless paired).</param>
/// <param name="Signature">ECDSA P-256 SHA-256 signature of the attestation bytes, IEEE P1363 (r || s).</param>
/// <param name="DevicePublicKey">The device signing key, SubjectPublicKeyInfo DER.</param>
public sealed record PairResult(
    PairingStatus Status,
    string Reason,
    string CompanionId,
    byte[] Attestation,
    byte[] Signature,
    byte[] DevicePublicKey) : ICompanionMessage<PairResult>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.PairResult;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out PairResult message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadByte(out byte statusRaw)
            || !reader.TryReadString(out string reason)
            || !reader.TryReadString(out string companionId)
            || !reader.TryReadBytes(out byte[] attestation)
            || !reader.TryReadBytes(out byte[] signature)
            || !reader.TryReadBytes(out byte[] devicePublicKey)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new PairResult((PairingStatus)statusRaw, reason, companionId, attestation, signature, devicePublicKey);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 1 + PayloadWriter.SizeOf(Reason) + PayloadWriter.SizeOf(CompanionId) + 2 + Attestation.Length + 2 + Signature.Length + 2 + DevicePublicKey.Length;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteByte((byte)Status);
        writer.WriteString(Reason);
        writer.WriteString(CompanionId);
        writer.WriteBytes(Attestation);
        writer.WriteBytes(Signature);
        writer.WriteBytes(DevicePublicKey);
    }
}

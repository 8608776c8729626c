using System.Buffers.Binary;

namespace CallSync.Media.Srtp;

/// <summary>
/// The SRTP key derivation (RFC 3711 section 4.3) with key_derivation_rate 0, the SDES default: each session
/// key is the AES-CM keystream under the master key from the counter block (master salt XOR label·2^48)·2^16.
/// With rate 0 the "index DIV kdr" term is zero, so the keys are derived once per master key.
/// </summary>
internal static class SrtpKeyDerivation
{
    /// <summary>Session key lengths of the AES-CM/HMAC-SHA1 suites: cipher key, authentication key, salt.</summary>
    internal const int CipherKeyLength = 16;

    internal const int AuthenticationKeyLength = 20;

    internal const int SaltLength = 14;

    /// <summary>Labels of section 4.3.1 (SRTP) and 4.3.2 (SRTCP): encryption, authentication, salt.</summary>
    internal const byte RtpEncryptionLabel = 0x00;

    internal const byte RtpAuthenticationLabel = 0x01;

    internal const byte RtpSaltLabel = 0x02;

    internal const byte RtcpEncryptionLabel = 0x03;

    internal const byte RtcpAuthenticationLabel = 0x04;

    internal const byte RtcpSaltLabel = 0x05;

    /// <summary>Writes PRF(master key, salt XOR label) into <paramref name="output"/> (any length).</summary>
    /// <param name="prf">AES-CM under the master key.</param>
    /// <param name="masterSalt">The 14-byte master salt.</param>
    /// <param name="label">The key's label.</param>
    /// <param name="output">Receives the derived key.</param>
    internal static void Derive(AesCounterKeystream prf, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        // The 7-byte key_id (label, then 48 zero bits of index DIV kdr) lines up with the last 7 salt bytes.
        Span<byte> block = stackalloc byte[16];
        block.Clear();
        masterSalt.CopyTo(block);
        block[7] ^= label;
        output.Clear();
        prf.Apply(BinaryPrimitives.ReadUInt64BigEndian(block), BinaryPrimitives.ReadUInt64BigEndian(block[8..]), output);
        block.Clear();
    }
}

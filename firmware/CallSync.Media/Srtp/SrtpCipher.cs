using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CallSync.Media.Srtp;

/// <summary>
/// The session keys of one packet kind (SRTP or SRTCP) derived from a master key: AES-CM under the session
/// cipher key with IVs built from the session salt, and HMAC-SHA1 under the session authentication key. The
/// derived keys live only inside the AES and HMAC objects. Not thread-safe: the owner serialises calls.
/// </summary>
internal sealed class SrtpCipher : IDisposable
{
    private const int HmacLength = 20;

    private readonly AesCounterKeystream _keystream;
    private readonly IncrementalHash _hmac;
    private readonly ulong _saltHigh;
    private readonly ulong _saltLow;

    /// <summary>Derives the session keys for the labels given from the master key and salt.</summary>
    public SrtpCipher(AesCounterKeystream prf, ReadOnlySpan<byte> masterSalt, byte encryptionLabel, byte authenticationLabel, byte saltLabel)
    {
        Span<byte> cipherKey = stackalloc byte[SrtpKeyDerivation.CipherKeyLength];
        Span<byte> authenticationKey = stackalloc byte[SrtpKeyDerivation.AuthenticationKeyLength];
        Span<byte> salt = stackalloc byte[16];
        try
        {
            SrtpKeyDerivation.Derive(prf, masterSalt, encryptionLabel, cipherKey);
            SrtpKeyDerivation.Derive(prf, masterSalt, authenticationLabel, authenticationKey);
            salt.Clear();
            SrtpKeyDerivation.Derive(prf, masterSalt, saltLabel, salt[..SrtpKeyDerivation.SaltLength]);
            _keystream = new AesCounterKeystream(cipherKey);
            _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authenticationKey);

            // IV = (k_s·2^16) XOR (SSRC·2^64) XOR (i·2^16): the salt shifted left 16 bits is the salt's bytes then two zeros.
            _saltHigh = BinaryPrimitives.ReadUInt64BigEndian(salt);
            _saltLow = BinaryPrimitives.ReadUInt64BigEndian(salt[8..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cipherKey);
            CryptographicOperations.ZeroMemory(authenticationKey);
            CryptographicOperations.ZeroMemory(salt);
        }
    }

    /// <summary>Encrypts or decrypts <paramref name="data"/> in place for the packet (<paramref name="ssrc"/>, <paramref name="index"/>).</summary>
    public void Crypt(uint ssrc, ulong index, Span<byte> data) =>
        _keystream.Apply(_saltHigh ^ ssrc, _saltLow ^ (index << 16), data);

    /// <summary>
    /// Writes the first <c>tag.Length</c> bytes of HMAC-SHA1(<paramref name="message"/> || <paramref name="suffix"/>)
    /// (the suffix is SRTP's ROC, or empty for SRTCP).
    /// </summary>
    public void Sign(ReadOnlySpan<byte> message, ReadOnlySpan<byte> suffix, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[HmacLength];
        _hmac.AppendData(message);
        _hmac.AppendData(suffix);
        _hmac.GetHashAndReset(mac);
        mac[..tag.Length].CopyTo(tag);
    }

    /// <summary>True when <paramref name="tag"/> is the tag of the message, compared in constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[HmacLength];
        Sign(message, suffix, expected[..tag.Length]);
        return CryptographicOperations.FixedTimeEquals(expected[..tag.Length], tag);
    }

    public void Dispose()
    {
        _keystream.Dispose();
        _hmac.Dispose();
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CallSync.Hub.Security;

/// <summary>
/// Encrypts the phones' provisioning keys at rest (docs/security.md, "On the hub"): AES-256-GCM under a key kept outside
/// the database (<see cref="HubSecrets.KeyEncryptionKey"/>), the device id as associated data, so a copy of the database
/// alone commands no phone and a stored value moved to another device's row does not decrypt. Stored form:
/// <c>pk1.&lt;key id&gt;.&lt;base64url(nonce | ciphertext | tag)&gt;</c>; the key id (8 hex digits of a hash of the key)
/// tells which key sealed a value, so a rotation can re-encrypt what the previous key sealed.
/// </summary>
internal sealed class ProvisioningKeyProtector
{
    public const string Prefix = "pk1.";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MaxStoredLength = 1024;

    private readonly byte[] _current;
    private readonly byte[]? _previous;

    /// <param name="keyEncryptionKey">The configured or generated key text (any length; hashed to 256 bits).</param>
    /// <param name="previousKey">The key being rotated away from, or null.</param>
    public ProvisioningKeyProtector(string keyEncryptionKey, string? previousKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyEncryptionKey);
        _current = Derive(keyEncryptionKey);
        _previous = string.IsNullOrEmpty(previousKey) ? null : Derive(previousKey);
        CurrentKeyId = KeyId(_current);
    }

    /// <summary>The id written into values sealed with the current key.</summary>
    public string CurrentKeyId { get; }

    /// <summary>True for a value in the stored form (sealed by some key), false for a clear-text key from an older hub.</summary>
    public static bool IsSealed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>True when <paramref name="stored"/> was sealed with the current key.</summary>
    public bool IsCurrent(string stored) =>
        IsSealed(stored) && stored.AsSpan(Prefix.Length).StartsWith(CurrentKeyId + ".", StringComparison.Ordinal);

    /// <summary>Seals <paramref name="clear"/> (the base64 key) for <paramref name="deviceId"/>'s row; an empty key stays empty.</summary>
    public string Protect(string deviceId, string clear)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(clear);
        if (clear.Length == 0)
        {
            return string.Empty;
        }

        var plain = Encoding.UTF8.GetBytes(clear);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_current, TagBytes))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(deviceId));
        }

        CryptographicOperations.ZeroMemory(plain);
        return Prefix + CurrentKeyId + "." + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>
    /// Opens a stored value with the current or the previous key. Never throws on input: a value sealed by an unknown
    /// key, tampered with, moved from another device's row or malformed gives false. An empty value is an empty key.
    /// </summary>
    public bool TryUnprotect(string deviceId, string stored, out string clear)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(stored);
        clear = string.Empty;
        if (stored.Length == 0)
        {
            return true;
        }

        if (!IsSealed(stored) || stored.Length > MaxStoredLength)
        {
            return false;
        }

        var rest = stored.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var key = rest[..dot].SequenceEqual(CurrentKeyId) ? _current
            : _previous is not null && rest[..dot].SequenceEqual(KeyId(_previous)) ? _previous
            : null;
        Span<byte> sealedBytes = stackalloc byte[MaxStoredLength];
        if (key is null || !Base64Url.TryDecodeFromChars(rest[(dot + 1)..], sealedBytes, out var length) || length <= NonceBytes + TagBytes)
        {
            return false;
        }

        var plainLength = length - NonceBytes - TagBytes;
        var plain = new byte[plainLength];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes.Slice(NonceBytes, plainLength), sealedBytes.Slice(NonceBytes + plainLength, TagBytes), plain, Encoding.UTF8.GetBytes(deviceId));
            clear = Encoding.UTF8.GetString(plain);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] Derive(string keyText) => SHA256.HashData(Encoding.UTF8.GetBytes("callsync-hub provisioning keys\n" + keyText));

    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
}

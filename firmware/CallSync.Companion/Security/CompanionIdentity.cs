using System.Security.Cryptography;
using System.Text;
using CallSync.Contracts;

namespace CallSync.Companion.Security;

/// <summary>
/// Who the phone is, and its ECDSA P-256 key that signs binding attestations. The private key lives in
/// <c>&lt;DataDir&gt;/device-signing-key.pem</c> (PKCS#8, mode 0600), created on first use; the public key
/// (<see cref="PublicKeyPem"/>) goes to the hub at provisioning and in the device state message.
/// </summary>
public sealed class CompanionIdentity : IDisposable
{
    /// <summary>The file name of the signing key inside the data directory.</summary>
    public const string SigningKeyFileName = "device-signing-key.pem";

    private readonly ECDsa _signingKey;

    private CompanionIdentity(string deviceId, string deviceNumber, ECDsa signingKey)
    {
        DeviceId = deviceId;
        DeviceNumber = deviceNumber;
        _signingKey = signingKey;
    }

    /// <summary>The device id (as in MQTT topics).</summary>
    public string DeviceId { get; }

    /// <summary>The phone's extension or number.</summary>
    public string DeviceNumber { get; }

    /// <summary>SubjectPublicKeyInfo DER of the signing key.</summary>
    public byte[] PublicKeySpki => _signingKey.ExportSubjectPublicKeyInfo();

    /// <summary>The signing key's public half as PEM ("-----BEGIN PUBLIC KEY-----").</summary>
    public string PublicKeyPem => _signingKey.ExportSubjectPublicKeyInfoPem();

    /// <summary>Loads the signing key from <paramref name="dataDirectory"/>, creating it (0600) when absent.</summary>
    public static CompanionIdentity LoadOrCreate(string dataDirectory, string deviceId, string deviceNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(deviceNumber);
        string path = Path.Combine(dataDirectory, SigningKeyFileName);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            if (File.Exists(path))
            {
                key.ImportFromPem(File.ReadAllText(path));
            }
            else
            {
                SecureFile.WriteAllBytes(path, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
            }

            return new CompanionIdentity(deviceId, deviceNumber, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>An identity with a key held only in memory (simulation and tests).</summary>
    public static CompanionIdentity CreateEphemeral(string deviceId, string deviceNumber) =>
        new(deviceId, deviceNumber, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>ECDSA P-256 / SHA-256 signature, IEEE P1363 format (r || s, 64 bytes).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _signingKey.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <inheritdoc/>
    public void Dispose() => _signingKey.Dispose();
}

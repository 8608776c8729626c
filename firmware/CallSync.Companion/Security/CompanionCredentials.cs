using CallSync.Contracts;

namespace CallSync.Companion.Security;

/// <summary>What a companion keeps after pairing (the CLI stores it as <c>&lt;state&gt;/companion.json</c>, 0600).</summary>
public sealed class CompanionCredentials
{
    /// <summary>The id the phone assigned.</summary>
    public string CompanionId { get; set; } = string.Empty;

    /// <summary>The phone it is paired with.</summary>
    public string DeviceId { get; set; } = string.Empty;

    /// <summary>The phone's number.</summary>
    public string DeviceNumber { get; set; } = string.Empty;

    /// <summary>The app user who paired.</summary>
    public string AppUserId { get; set; } = string.Empty;

    /// <summary>The 32-byte long-term key (secret).</summary>
    public byte[] LongTermKey { get; set; } = [];

    /// <summary>The signed binding attestation (canonical JSON) to present to the hub.</summary>
    public byte[] Attestation { get; set; } = [];

    /// <summary>The device's signature over <see cref="Attestation"/> (IEEE P1363).</summary>
    public byte[] AttestationSignature { get; set; } = [];

    /// <summary>The device signing key, SubjectPublicKeyInfo DER.</summary>
    public byte[] DevicePublicKey { get; set; } = [];

    /// <summary>Loads credentials from <c>&lt;directory&gt;/companion.json</c>; null when absent or unreadable.</summary>
    public static CompanionCredentials? Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(File.ReadAllBytes(path), CompanionJsonContext.Default.CompanionCredentials);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Saves to <c>&lt;directory&gt;/companion.json</c> with mode 0600.</summary>
    public void Save(string directory) =>
        SecureFile.WriteAllBytes(
            Path.Combine(directory, FileName),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, CompanionJsonContext.Default.CompanionCredentials));

    /// <summary>Deletes the stored credentials.</summary>
    public static void Delete(string directory) => File.Delete(Path.Combine(directory, FileName));

    /// <summary>The file name inside the state directory.</summary>
    public const string FileName = "companion.json";
}

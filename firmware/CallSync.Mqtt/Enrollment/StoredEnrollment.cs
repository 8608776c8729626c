using System.Text.Json;
using System.Text.Json.Serialization;
using CallSync.Contracts;

namespace CallSync.Mqtt.Enrollment;

/// <summary>
/// What a phone keeps after enrolling, in <c>&lt;DataDir&gt;/credentials.json</c> (0600, written by
/// <see cref="SecureFile"/>): the hub it enrolled with and the credentials the hub issued. Read and written only here.
/// </summary>
public sealed record StoredEnrollment
{
    /// <summary>Largest file accepted; a real one is about 500 bytes.</summary>
    public const int MaxFileBytes = 16 * 1024;

    /// <summary>The hub's base URL.</summary>
    public required string HubUrl { get; init; }

    /// <summary>When the hub issued the credentials.</summary>
    public required DateTimeOffset EnrolledAt { get; init; }

    /// <summary>What the hub issued.</summary>
    public required EnrollmentResponse Issued { get; init; }

    /// <summary>The broker endpoint and credential.</summary>
    [JsonIgnore]
    public BrokerCredential Broker => new(Issued.BrokerUrl, Issued.BrokerUsername, Issued.BrokerPassword);

    /// <summary>The provisioning key bytes (checked when enrolling).</summary>
    [JsonIgnore]
    public byte[] ProvisioningKey => Convert.FromBase64String(Issued.ProvisioningKey);

    /// <summary>Reads <paramref name="path"/>; null with a reason when it is missing, too large or malformed. Never throws on content.</summary>
    public static StoredEnrollment? TryLoad(string path, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            return null;
        }

        StoredEnrollment? stored = null;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
            {
                problem = $"{path} is larger than {MaxFileBytes} bytes";
                return null;
            }

            stored = JsonSerializer.Deserialize(File.ReadAllBytes(path), EnrollmentJsonContext.Default.StoredEnrollment);
        }
        catch (JsonException ex)
        {
            problem = $"{path} is not an enrollment file: {ex.Message}";
            return null;
        }

        if (stored?.Issued is null || !BrokerAddress.TryParse(stored.Issued.BrokerUrl, out _)
            || !Convert.TryFromBase64String(stored.Issued.ProvisioningKey, new byte[256], out int keyLength) || keyLength < HmacSignature.MinKeyBytes)
        {
            problem = $"{path} lacks a usable broker URL or provisioning key";
            return null;
        }

        return stored;
    }

    /// <summary>Writes this to <paramref name="path"/> (0600, atomically).</summary>
    public void Save(string path) => SecureFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, EnrollmentJsonContext.Default.StoredEnrollment));
}

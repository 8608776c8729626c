using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CallSync.Contracts;

/// <summary>
/// The statement "app user X paired companion Y with device Z at T", signed by the device. Canonical JSON:
/// UTF-8, no whitespace, keys in ordinal order (appUserId, companionId, deviceId, deviceNumber, issuedAt),
/// issuedAt as RFC 3339 UTC to the second, signed with ECDSA P-256 / SHA-256 (IEEE P1363, r||s). The device signs it
/// at pairing (companion link); the hub checks the signature over the bytes exactly as received, before trusting
/// any field. Never throws on input.
/// </summary>
/// <param name="DeviceId">The desk phone.</param>
/// <param name="DeviceNumber">The desk phone's number.</param>
/// <param name="AppUserId">The app user who paired.</param>
/// <param name="CompanionId">The id the phone assigned to the companion.</param>
/// <param name="IssuedAt">When the pairing completed.</param>
public sealed record BindingAttestation(
    string DeviceId, string DeviceNumber, string AppUserId, string CompanionId, DateTimeOffset IssuedAt)
{
    /// <summary>Longest attestation JSON accepted.</summary>
    public const int MaxJsonBytes = 4096;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The canonical JSON bytes that are signed.</summary>
    public byte[] ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("appUserId", AppUserId);
            writer.WriteString("companionId", CompanionId);
            writer.WriteString("deviceId", DeviceId);
            writer.WriteString("deviceNumber", DeviceNumber);
            writer.WriteString("issuedAt", IssuedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses attestation JSON; false when a field is missing or malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out BindingAttestation? attestation)
    {
        attestation = null;
        if (json.Length is 0 or > MaxJsonBytes)
        {
            return false;
        }

        string? appUserId = null, companionId = null, deviceId = null, deviceNumber = null, issuedAt = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                string value = reader.GetString()!;
                switch (name)
                {
                    case "appUserId": appUserId = value; break;
                    case "companionId": companionId = value; break;
                    case "deviceId": deviceId = value; break;
                    case "deviceNumber": deviceNumber = value; break;
                    case "issuedAt": issuedAt = value; break;
                    default: break;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (appUserId is null || companionId is null || deviceId is null || deviceNumber is null
            || !DateTimeOffset.TryParseExact(issuedAt, TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var issued))
        {
            return false;
        }

        attestation = new BindingAttestation(deviceId, deviceNumber, appUserId, companionId, issued);
        return true;
    }

    /// <summary>Checks an ECDSA P-256 / SHA-256 IEEE P1363 signature with the device's SubjectPublicKeyInfo.</summary>
    public static bool Verify(ReadOnlySpan<byte> json, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> devicePublicKeySpki)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(devicePublicKeySpki, out _);
        }
        catch (CryptographicException)
        {
            return false;
        }

        return key.KeySize == 256
            && key.VerifyData(json, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Verifies, then parses: the attestation only when the signature holds over exactly these bytes.</summary>
    public static bool TryVerify(ReadOnlySpan<byte> json, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> devicePublicKeySpki, out BindingAttestation? attestation)
    {
        attestation = null;
        return json.Length is > 0 and <= MaxJsonBytes
            && Verify(json, signature, devicePublicKeySpki)
            && TryParse(json, out attestation);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CallSync.Hub.Bindings;

/// <summary>
/// Checks a companion pairing attestation (docs/companion-protocol.md): canonical JSON
/// <c>{"appUserId","companionId","deviceId","deviceNumber","issuedAt"}</c> signed by the desk phone with
/// ECDSA P-256 / SHA-256 (IEEE P1363, r||s). The signature is checked over the bytes exactly as received, before
/// any field is trusted. Never throws on input.
/// </summary>
internal static class AttestationVerifier
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static bool TryVerify(ReadOnlySpan<byte> json, ReadOnlySpan<byte> signature, string publicKeySpkiBase64, out AttestationClaims? claims)
    {
        claims = null;
        if (json.Length is 0 or > 4096 || string.IsNullOrEmpty(publicKeySpkiBase64))
        {
            return false;
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKeySpkiBase64), out _);
            if (key.KeySize != 256
                || !key.VerifyData(json, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }

        return TryParse(json, out claims);
    }

    private static bool TryParse(ReadOnlySpan<byte> json, out AttestationClaims? claims)
    {
        claims = null;
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
                var name = reader.GetString();
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                var value = reader.GetString();
                switch (name)
                {
                    case "appUserId": appUserId = value; break;
                    case "companionId": companionId = value; break;
                    case "deviceId": deviceId = value; break;
                    case "deviceNumber": deviceNumber = value; break;
                    case "issuedAt": issuedAt = value; break;
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

        claims = new AttestationClaims(deviceId, deviceNumber, appUserId, companionId, issued);
        return true;
    }
}

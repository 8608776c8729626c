using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallSync.Contracts;

namespace CallSync.Mqtt.Enrollment;

/// <summary>
/// The phone's side of enrollment (docs/security.md, "Enrollment"): posts the one-time code, the configured device id
/// and the public attestation key to <c>{hub}/api/v1/enroll</c> and checks what comes back before anyone stores it.
/// HTTPS only, except plain HTTP to a loopback hub (tests, <c>make run</c>). Never throws for the hub's or the
/// network's sake: every failure is an <see cref="EnrollmentOutcome"/> with a reason.
/// </summary>
public static class EnrollmentClient
{
    /// <summary>Largest response accepted; a real one is about 400 bytes.</summary>
    public const int MaxResponseBytes = 16 * 1024;

    /// <summary>True for an https URL, or an http URL whose host is a loopback address or <c>localhost</c>.</summary>
    public static bool IsAllowedHubUrl(Uri? hub) =>
        hub is { IsAbsoluteUri: true }
        && (hub.Scheme == Uri.UriSchemeHttps
            || (hub.Scheme == Uri.UriSchemeHttp && (hub.IsLoopback || (IPAddress.TryParse(hub.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip)))));

    /// <summary>Enrolls <paramref name="deviceId"/> with <paramref name="code"/> at <paramref name="hub"/>.</summary>
    public static async Task<EnrollmentOutcome> EnrollAsync(HttpClient http, Uri hub, string code, string deviceId, ReadOnlyMemory<byte> attestationKeySpki, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(hub);
        if (!IsAllowedHubUrl(hub))
        {
            return EnrollmentOutcome.Refused($"{hub}: expected an https:// URL (http:// only to a loopback address)");
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return EnrollmentOutcome.Refused("no enrollment code");
        }

        var request = new EnrollmentRequest { Code = code.Trim(), DeviceId = deviceId, AttestationKey = Convert.ToBase64String(attestationKeySpki.Span) };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri(hub, "api/v1/enroll"), request, CallSyncJsonContext.Default.EnrollmentRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return EnrollmentOutcome.Unreachable($"{hub}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return EnrollmentOutcome.Unreachable($"{hub}: no answer in time");
        }

        using (response)
        {
            byte[] body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
            {
                return EnrollmentOutcome.Unreachable($"the hub answered {(int)response.StatusCode}: {ErrorText(body)}");
            }

            if (!response.IsSuccessStatusCode)
            {
                return EnrollmentOutcome.Refused($"the hub refused the code ({(int)response.StatusCode}): {ErrorText(body)}");
            }

            return Check(body, deviceId);
        }
    }

    private static EnrollmentOutcome Check(byte[] body, string deviceId)
    {
        EnrollmentResponse? issued;
        try
        {
            issued = JsonSerializer.Deserialize(body, CallSyncJsonContext.Default.EnrollmentResponse);
        }
        catch (JsonException)
        {
            issued = null;
        }

        if (issued is null)
        {
            return EnrollmentOutcome.Refused("the hub's answer is not an enrollment response");
        }

        if (!string.Equals(issued.DeviceId, deviceId, StringComparison.Ordinal) || !string.Equals(issued.BrokerUsername, deviceId, StringComparison.Ordinal))
        {
            return EnrollmentOutcome.Refused($"the hub issued credentials for '{issued.DeviceId}', not for '{deviceId}'");
        }

        Span<byte> key = stackalloc byte[256];
        if (!Convert.TryFromBase64String(issued.ProvisioningKey, key, out int keyLength) || keyLength < HmacSignature.MinKeyBytes)
        {
            return EnrollmentOutcome.Refused("the hub's provisioning key is not base64 of at least 32 bytes");
        }

        if (!BrokerAddress.TryParse(issued.BrokerUrl, out _) || string.IsNullOrEmpty(issued.BrokerPassword))
        {
            return EnrollmentOutcome.Refused("the hub's broker URL or password is unusable");
        }

        return EnrollmentOutcome.Enrolled(issued);
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        byte[] chunk = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                return [];
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // The hub's errors are {"error": "..."}; anything else is shown as its length only.
    private static string ErrorText(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
            {
                string text = error.GetString()!;
                return text.Length > 200 ? text[..200] : text;
            }
        }
        catch (JsonException)
        {
            // not the hub's error shape
        }

        return $"({body.Length} bytes)";
    }
}

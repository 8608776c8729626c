using System.Net;
using System.Security.Cryptography;
using CallSync.Contracts;
using CallSync.Hub.Configuration;
using CallSync.Hub.Messaging;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Security;

/// <summary>
/// Enrollment (docs/security.md, "Enrollment"): an admin registers a phone and gets a one-time code; the phone presents
/// the code with its device id and public attestation key and receives a new provisioning key, its broker password and
/// the broker URL. The hub keeps the provisioning key (it signs commands and checks replies with it), the attestation
/// key, and only a hash of the code and of the password. A new code (re-enrollment) rotates everything; revoking clears
/// it and drops the phone's broker session.
/// </summary>
internal sealed class EnrollmentService(
    DeviceStore devices,
    EnrollmentCodeStore codes,
    BrokerCredentialStore credentials,
    MosquittoConfig mosquitto,
    IHubBroker broker,
    HubOptions options,
    TimeProvider timeProvider,
    ILogger<EnrollmentService> logger)
{
    private const int ProvisioningKeyBytes = 32;

    /// <summary>Registers a phone and issues its first code; null with a reason (and HTTP status) when refused.</summary>
    public async Task<(IssuedCode? Code, int Status, string Error)> CreateDeviceAsync(string deviceId, string deskNumber, CancellationToken cancellationToken)
    {
        if (!DeviceIdRules.IsValid(deviceId))
        {
            return (null, StatusCodes.Status400BadRequest, "deviceId: " + DeviceIdRules.Description);
        }

        if (string.IsNullOrWhiteSpace(deskNumber) || deskNumber.Length > 64)
        {
            return (null, StatusCodes.Status400BadRequest, "deskNumber is required (at most 64 characters)");
        }

        if (string.Equals(deviceId, options.Mqtt.Username, StringComparison.Ordinal)
            || await credentials.GetAsync(deviceId, cancellationToken).ConfigureAwait(false) is { Kind: not BrokerIdentityKind.Device })
        {
            return (null, StatusCodes.Status409Conflict, "deviceId is the MQTT user name of a hub instance");
        }

        if (!await devices.CreateAsync(deviceId, deskNumber, cancellationToken).ConfigureAwait(false))
        {
            return (null, StatusCodes.Status409Conflict, "deviceId or deskNumber already registered");
        }

        var code = await IssueCodeAsync(deviceId, cancellationToken).ConfigureAwait(false);
        return (code, StatusCodes.Status201Created, string.Empty);
    }

    /// <summary>A new one-time code for a registered phone (earlier unused codes stop working); null for an unknown phone.</summary>
    public async Task<IssuedCode?> IssueCodeAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (await devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        await codes.RetireAsync(deviceId, cancellationToken).ConfigureAwait(false);
        var code = EnrollmentCode.New();
        var expires = Timestamps.Truncate(timeProvider.GetUtcNow() + options.Enrollment.CodeLifetime);
        await codes.AddAsync(EnrollmentCode.Hash(code)!, deviceId, expires, cancellationToken).ConfigureAwait(false);
        Log.EnrollmentCodeIssued(logger, deviceId, expires);
        return new IssuedCode(deviceId, code, expires);
    }

    /// <summary>Checks the code and issues the phone's credentials; <paramref name="requestHost"/> is the host the phone reached the hub by.</summary>
    public async Task<EnrollOutcome> EnrollAsync(EnrollmentRequest request, string? requestHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!DeviceIdRules.IsValid(request.DeviceId))
        {
            return EnrollOutcome.Refused(StatusCodes.Status400BadRequest, "deviceId: " + DeviceIdRules.Description);
        }

        if (!IsP256PublicKey(request.AttestationKey))
        {
            return EnrollOutcome.Refused(StatusCodes.Status400BadRequest, "attestationKey must be a base64 SubjectPublicKeyInfo of an ECDSA P-256 key");
        }

        var hash = EnrollmentCode.Hash(request.Code);
        var status = hash is null ? EnrollmentCodeStatus.Unknown : await codes.UseAsync(hash, request.DeviceId, cancellationToken).ConfigureAwait(false);
        var refusal = status switch
        {
            EnrollmentCodeStatus.Unknown => EnrollOutcome.Refused(StatusCodes.Status400BadRequest, "unknown enrollment code"),
            EnrollmentCodeStatus.OtherDevice => EnrollOutcome.Refused(StatusCodes.Status403Forbidden, "this enrollment code was issued for another device"),
            EnrollmentCodeStatus.Used => EnrollOutcome.Refused(StatusCodes.Status409Conflict, "this enrollment code was already used (or replaced by a newer one)"),
            EnrollmentCodeStatus.Expired => EnrollOutcome.Refused(StatusCodes.Status410Gone, "this enrollment code has expired; ask for a new one"),
            _ => null,
        };
        if (refusal is not null)
        {
            Log.EnrollmentRefused(logger, request.DeviceId, refusal.Reason);
            return refusal;
        }

        var device = await devices.GetAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
        var provisioningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(ProvisioningKeyBytes));
        var password = HubDataDirectory.NewSecret();
        if (device is null
            || !await credentials.UpsertAsync(new BrokerCredentialRecord(request.DeviceId, BrokerIdentityKind.Device, MosquittoPasswordHash.Hash(password), null), cancellationToken).ConfigureAwait(false))
        {
            return EnrollOutcome.Refused(StatusCodes.Status409Conflict, "the device is gone or its id is another broker identity");
        }

        await devices.SetKeysAsync(request.DeviceId, provisioningKey, request.AttestationKey, cancellationToken).ConfigureAwait(false);
        await mosquitto.RefreshAsync(cancellationToken).ConfigureAwait(false);
        Log.DeviceEnrolled(logger, request.DeviceId);
        return new EnrollOutcome(
            new EnrollmentResponse
            {
                DeviceId = request.DeviceId,
                DeskNumber = device.DeskNumber,
                ProvisioningKey = provisioningKey,
                BrokerUrl = BrokerUrl(requestHost),
                BrokerUsername = request.DeviceId,
                BrokerPassword = password,
            },
            StatusCodes.Status200OK,
            string.Empty);
    }

    /// <summary>Revokes a phone's credentials and codes and drops its embedded-broker session; false for an unknown phone.</summary>
    public async Task<bool> RevokeAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (!await devices.SetKeysAsync(deviceId, string.Empty, string.Empty, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await credentials.DeleteAsync(deviceId, BrokerIdentityKind.Device, cancellationToken).ConfigureAwait(false);
        await codes.RetireAsync(deviceId, cancellationToken).ConfigureAwait(false);
        await mosquitto.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await broker.DisconnectAsync(deviceId, cancellationToken).ConfigureAwait(false);
        Log.DeviceRevoked(logger, deviceId);
        return true;
    }

    private string BrokerUrl(string? requestHost)
    {
        if (options.Enrollment.BrokerUrl is { } configured)
        {
            return configured;
        }

        var mqtt = options.Mqtt;
        if (!mqtt.Embedded)
        {
            return "mqtt://" + HostPart(mqtt.Host) + ":" + mqtt.Port;
        }

        var bound = IPAddress.Parse(mqtt.EmbeddedAddress);
        var host = (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any)) && !string.IsNullOrEmpty(requestHost) ? requestHost : mqtt.EmbeddedAddress;
        return "mqtt://" + HostPart(host) + ":" + mqtt.EmbeddedPort;
    }

    private static string HostPart(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + host + "]" : host;

    private static bool IsP256PublicKey(string? base64)
    {
        if (string.IsNullOrEmpty(base64) || base64.Length > 1024)
        {
            return false;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64), out _);
            return key.KeySize == 256;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }
}

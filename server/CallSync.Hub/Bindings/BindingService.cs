using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Events;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Bindings;

/// <summary>
/// The three ways a user gets bound to a desk phone, one policy for all: (a) the app asks for a desk number and
/// (b) the phone asks for an app user are granted at once when one of the user's number patterns covers the
/// phone's desk number, else left pending for an admin; (c) a pairing attestation signed by the phone binds at
/// once. Every event, granted or not, goes to the audit trail.
/// </summary>
internal sealed class BindingService(
    BindingStore bindings,
    DeviceStore devices,
    UserStore users,
    EventBus events,
    TimeProvider timeProvider,
    ILogger<BindingService> logger)
{
    /// <summary>How far a signed bind request or attestation may be from the hub's clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>Flow (a): the app user asks to bind the phone with this desk number.</summary>
    public async Task<BindOutcome> RequestByAppAsync(string userId, string deskNumber, CancellationToken cancellationToken)
    {
        var device = await devices.GetByDeskNumberAsync(deskNumber, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            await AuditAsync(userId, "request", userId, "-", "unknown-device", deskNumber, cancellationToken).ConfigureAwait(false);
            return new BindOutcome(BindOutcomeKind.UnknownDevice, null, "no device has that desk number");
        }

        return await ApplyPolicyAsync(userId, userId, device, "app", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flow (b): a signed request from the phone on its <c>bind-requests</c> topic.</summary>
    public async Task<BindOutcome> HandleDeviceRequestAsync(string deviceId, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        DeviceBindRequest? request = null;
        if (payload.Length is > 0 and <= 4096)
        {
            try
            {
                request = JsonSerializer.Deserialize(payload.ToArray(), HubJsonContext.Default.DeviceBindRequest);
            }
            catch (JsonException)
            {
                request = null;
            }
        }

        var device = await devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        var actor = "device:" + deviceId;
        if (request is null || device is null || !string.Equals(request.DeviceId, deviceId, StringComparison.Ordinal))
        {
            await AuditAsync(actor, "device-request", request?.AppUserId ?? "-", deviceId, "invalid", "malformed, unknown device or foreign deviceId", cancellationToken).ConfigureAwait(false);
            return new BindOutcome(BindOutcomeKind.Invalid, null, "malformed request or unknown device");
        }

        if (!VerifyHmac(request, device.ProvisioningKey))
        {
            await AuditAsync(actor, "device-request", request.AppUserId, deviceId, "bad-signature", request.RequestId, cancellationToken).ConfigureAwait(false);
            return new BindOutcome(BindOutcomeKind.Invalid, null, "bad signature");
        }

        if (!DateTimeOffset.TryParse(request.IssuedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var issued)
            || (timeProvider.GetUtcNow() - issued).Duration() > MaxClockSkew)
        {
            await AuditAsync(actor, "device-request", request.AppUserId, deviceId, "expired", request.RequestId, cancellationToken).ConfigureAwait(false);
            return new BindOutcome(BindOutcomeKind.Invalid, null, "issuedAt too far from the hub's clock");
        }

        return await ApplyPolicyAsync(actor, request.AppUserId, device, "device", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flow (c): the app presents the phone-signed pairing attestation; bound at once when valid.</summary>
    public async Task<BindOutcome> BindByAttestationAsync(string userId, byte[] attestation, byte[] signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        string? deviceId = null;
        BindingAttestation? claims = null;
        var detail = "malformed attestation";
        try
        {
            using var document = JsonDocument.Parse(attestation);
            deviceId = document.RootElement.TryGetProperty("deviceId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            deviceId = null;
        }

        var device = deviceId is null ? null : await devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            detail = "unknown device";
        }
        else if (!AttestationVerifier.TryVerify(attestation, signature, device.AttestationKey, out claims))
        {
            detail = "bad signature or malformed attestation";
        }
        else if (!string.Equals(claims!.AppUserId, userId, StringComparison.Ordinal))
        {
            detail = "attestation names another app user";
        }
        else if (!string.Equals(claims.DeviceNumber, device.DeskNumber, StringComparison.Ordinal))
        {
            detail = "attestation desk number differs from the registered one";
        }
        else if ((timeProvider.GetUtcNow() - claims.IssuedAt).Duration() > MaxClockSkew)
        {
            detail = "attestation too old or from the future";
        }
        else
        {
            var binding = await bindings.UpsertAsync(userId, device.DeviceId, BindingStatus.Active, canDial: true, "attestation", cancellationToken).ConfigureAwait(false);
            await AuditAsync(userId, "attestation", userId, device.DeviceId, "active", "companion " + claims.CompanionId, cancellationToken).ConfigureAwait(false);
            return new BindOutcome(BindOutcomeKind.Active, binding, "bound by pairing attestation");
        }

        await AuditAsync(userId, "attestation", userId, deviceId ?? "-", "refused", detail, cancellationToken).ConfigureAwait(false);
        return new BindOutcome(device is null ? BindOutcomeKind.UnknownDevice : BindOutcomeKind.Forbidden, null, detail);
    }

    /// <summary>An admin approves (or creates) a binding.</summary>
    public async Task<BindOutcome> ApproveAsync(string adminId, string userId, string deviceId, bool canDial, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(userId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new BindOutcome(BindOutcomeKind.UnknownUser, null, "no such user");
        }

        if (await devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new BindOutcome(BindOutcomeKind.UnknownDevice, null, "no such device");
        }

        var binding = await bindings.UpsertAsync(userId, deviceId, BindingStatus.Active, canDial, "admin", cancellationToken).ConfigureAwait(false);
        await AuditAsync(adminId, "approve", userId, deviceId, "active", canDial ? "dial allowed" : "read only", cancellationToken).ConfigureAwait(false);
        return new BindOutcome(BindOutcomeKind.Active, binding, "approved");
    }

    /// <summary>Removes a binding (by the user themself or an admin); false when there was none.</summary>
    public async Task<bool> UnbindAsync(string actor, string userId, string deviceId, CancellationToken cancellationToken)
    {
        var removed = await bindings.DeleteAsync(userId, deviceId, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "unbind", userId, deviceId, removed ? "removed" : "not-found", string.Empty, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private async Task<BindOutcome> ApplyPolicyAsync(string actor, string userId, DeviceRecord device, string via, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        var action = via == "app" ? "request" : "device-request";
        if (user is null)
        {
            await AuditAsync(actor, action, userId, device.DeviceId, "unknown-user", string.Empty, cancellationToken).ConfigureAwait(false);
            return new BindOutcome(BindOutcomeKind.UnknownUser, null, "no such user");
        }

        var covered = NumberPattern.AnyMatches(user.NumberPatterns, device.DeskNumber);
        var binding = await bindings.UpsertAsync(userId, device.DeviceId, covered ? BindingStatus.Active : BindingStatus.Pending, canDial: covered, via, cancellationToken).ConfigureAwait(false);
        var outcome = BindingStore.StatusText(binding.Status);
        await AuditAsync(actor, action, userId, device.DeviceId, outcome, "desk " + device.DeskNumber, cancellationToken).ConfigureAwait(false);
        return new BindOutcome(binding.Status == BindingStatus.Active ? BindOutcomeKind.Active : BindOutcomeKind.Pending, binding, covered ? "covered by the user's number patterns" : "waiting for an admin");
    }

    private async Task AuditAsync(string actor, string action, string userId, string deviceId, string outcome, string detail, CancellationToken cancellationToken)
    {
        await bindings.AuditAsync(actor, action, userId, deviceId, outcome, detail, cancellationToken).ConfigureAwait(false);
        Log.BindingEvent(logger, actor, action, userId, deviceId, outcome);
        await events.BindingChangedAsync(userId, deviceId, action, outcome, cancellationToken).ConfigureAwait(false);
    }

    private static bool VerifyHmac(DeviceBindRequest request, string provisioningKeyBase64)
    {
        var key = new byte[256];
        return Convert.TryFromBase64String(provisioningKeyBase64, key, out var length)
            && HmacSignature.Verify(request.CanonicalForm(), request.Signature, key.AsSpan(0, length));
    }
}

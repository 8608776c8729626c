using System.Buffers;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Configuration;
using CallSync.Hub.Events;
using CallSync.Hub.Messaging;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Dialing;

/// <summary>
/// The dial relay: app request -> signed <c>dial</c> command on <c>devices/{deviceId}/commands</c> -> the phone's
/// replies (accepted, then succeeded with the record id, failed or rejected) -> progress the app can read.
/// Only users with an active binding that allows dialling may dial.
/// </summary>
internal sealed class DialService(
    IHubBroker mqtt,
    BindingStore bindings,
    DeviceStore devices,
    DialStore dials,
    EventBus events,
    DialOptions options,
    TimeProvider timeProvider,
    ILogger<DialService> logger)
{
    public async Task<DialRequestOutcome> RequestAsync(string userId, string deviceId, string number, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.IsDiallable(number, out _))
        {
            return new DialRequestOutcome(DialRequestOutcomeKind.InvalidNumber, null);
        }

        var binding = await bindings.GetAsync(userId, deviceId, cancellationToken).ConfigureAwait(false);
        if (binding is null || binding.Status != BindingStatus.Active || !binding.CanDial)
        {
            return new DialRequestOutcome(DialRequestOutcomeKind.NotBound, null);
        }

        var device = await devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return new DialRequestOutcome(DialRequestOutcomeKind.UnknownDevice, null);
        }

        var key = ProvisioningKey(device);
        if (key.Length < CommandSignature.MinKeyBytes)
        {
            return new DialRequestOutcome(DialRequestOutcomeKind.NotEnrolled, null);
        }

        var now = Timestamps.Truncate(timeProvider.GetUtcNow());
        var request = new DialRequest(Guid.NewGuid().ToString("D"), userId, deviceId, number, DialStates.Sent, null, null, now, now, now + options.Timeout);
        var command = CommandSignature.Sign(
            new DeviceCommand
            {
                CommandId = request.RequestId,
                Type = CommandTypes.Dial,
                Args = new CommandArgs { Number = number },
                IssuedAt = now,
                ExpiresAt = now + options.Timeout,
            },
            deviceId,
            key);
        await dials.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        var payload = JsonSerializer.SerializeToUtf8Bytes(command, CallSyncJsonContext.Default.DeviceCommand);
        if (!await mqtt.PublishAsync(MqttTopics.Commands(deviceId), payload, retain: false, cancellationToken).ConfigureAwait(false))
        {
            await dials.AdvanceAsync(request.RequestId, deviceId, DialStates.Failed, null, "hub-offline", cancellationToken).ConfigureAwait(false);
            return new DialRequestOutcome(DialRequestOutcomeKind.BrokerUnavailable, await dials.GetAsync(request.RequestId, cancellationToken).ConfigureAwait(false));
        }

        Log.DialSent(logger, request.RequestId, deviceId);
        return new DialRequestOutcome(DialRequestOutcomeKind.Sent, request);
    }

    /// <summary>
    /// Applies a phone's reply once its signature holds under the device's provisioning key (<see cref="ReplySignature"/>)
    /// and its <c>deviceId</c> is the topic's. Returns null when it was applied (or names no dial of this device), else why
    /// it was refused: nothing is applied then.
    /// </summary>
    public async Task<string?> HandleReplyAsync(string deviceId, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length is 0 or > 16 * 1024)
        {
            return "empty or larger than 16 KiB";
        }

        CommandReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize(payload.ToArray(), CallSyncJsonContext.Default.CommandReply);
        }
        catch (JsonException)
        {
            return "malformed reply";
        }

        if (reply?.CommandId is null || !string.Equals(reply.DeviceId, deviceId, StringComparison.Ordinal))
        {
            return "no command id or another device's id";
        }

        var device = await devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null || !ReplySignature.Verify(reply, ProvisioningKey(device)))
        {
            return "not signed with the device's provisioning key";
        }

        var status = reply.Status switch
        {
            ReplyStatus.Accepted => DialStates.Accepted,
            ReplyStatus.Succeeded => DialStates.Succeeded,
            ReplyStatus.Failed => DialStates.Failed,
            _ => DialStates.Rejected,
        };
        var changed = await dials.AdvanceAsync(reply.CommandId, deviceId, status, reply.RecordId?.ToString("D"), reply.Reason, cancellationToken).ConfigureAwait(false);
        Log.DialReply(logger, reply.CommandId, status, changed);
        if (changed && await dials.GetAsync(reply.CommandId, cancellationToken).ConfigureAwait(false) is { } dial)
        {
            await events.DialChangedAsync(dial, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static byte[] ProvisioningKey(DeviceRecord device)
    {
        var key = new byte[256];
        return Convert.TryFromBase64String(device.ProvisioningKey, key, out var length) ? key[..length] : [];
    }
}

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
    HubMqttClient mqtt,
    BindingStore bindings,
    DeviceStore devices,
    DialStore dials,
    EventBus events,
    DialOptions options,
    TimeProvider timeProvider,
    ILogger<DialService> logger)
{
    public async Task<DialOutcome> RequestAsync(string userId, string deviceId, string number, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.IsDiallable(number, out _))
        {
            return new DialOutcome(DialOutcomeKind.InvalidNumber, null);
        }

        var binding = await bindings.GetAsync(userId, deviceId, cancellationToken).ConfigureAwait(false);
        if (binding is null || binding.Status != BindingStatus.Active || !binding.CanDial)
        {
            return new DialOutcome(DialOutcomeKind.NotBound, null);
        }

        var device = await devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return new DialOutcome(DialOutcomeKind.UnknownDevice, null);
        }

        var now = Timestamps.Truncate(timeProvider.GetUtcNow());
        var request = new DialRequest(Guid.NewGuid().ToString("D"), userId, deviceId, number, DialStatus.Sent, null, null, now, now, now + options.Timeout);
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
            Convert.FromBase64String(device.ProvisioningKey));
        await dials.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        var payload = JsonSerializer.SerializeToUtf8Bytes(command, CallSyncJsonContext.Default.DeviceCommand);
        if (!await mqtt.PublishAsync(MqttTopics.Commands(deviceId), payload, retain: false, cancellationToken).ConfigureAwait(false))
        {
            await dials.AdvanceAsync(request.RequestId, deviceId, DialStatus.Failed, null, "hub-offline", cancellationToken).ConfigureAwait(false);
            return new DialOutcome(DialOutcomeKind.BrokerUnavailable, await dials.GetAsync(request.RequestId, cancellationToken).ConfigureAwait(false));
        }

        Log.DialSent(logger, request.RequestId, deviceId);
        return new DialOutcome(DialOutcomeKind.Sent, request);
    }

    /// <summary>Applies a phone's reply; replies for unknown commands or from another device change nothing.</summary>
    public async Task HandleReplyAsync(string deviceId, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length is 0 or > 16 * 1024)
        {
            return;
        }

        CommandReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize(payload.ToArray(), CallSyncJsonContext.Default.CommandReply);
        }
        catch (JsonException)
        {
            Log.DialReplyIgnored(logger, deviceId, "malformed reply");
            return;
        }

        if (reply?.CommandId is null || !string.Equals(reply.DeviceId, deviceId, StringComparison.Ordinal))
        {
            Log.DialReplyIgnored(logger, deviceId, "no command id or foreign device id");
            return;
        }

        var status = reply.Status switch
        {
            ReplyStatus.Accepted => DialStatus.Accepted,
            ReplyStatus.Succeeded => DialStatus.Succeeded,
            ReplyStatus.Failed => DialStatus.Failed,
            _ => DialStatus.Rejected,
        };
        var changed = await dials.AdvanceAsync(reply.CommandId, deviceId, status, reply.RecordId?.ToString("D"), reply.Reason, cancellationToken).ConfigureAwait(false);
        Log.DialReply(logger, reply.CommandId, status, changed);
        if (changed && await dials.GetAsync(reply.CommandId, cancellationToken).ConfigureAwait(false) is { } dial)
        {
            await events.DialChangedAsync(dial, cancellationToken).ConfigureAwait(false);
        }
    }
}

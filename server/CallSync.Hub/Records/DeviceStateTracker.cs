using System.Buffers;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Events;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Records;

/// <summary>
/// Keeps each phone's last retained online/offline state (<c>devices/{deviceId}/state</c>); logs a change only when it
/// changed the stored state (not a repeat, an older state, or one another instance stored first).
/// </summary>
internal sealed class DeviceStateTracker(DeviceStore devices, EventBus events, ILogger<DeviceStateTracker> logger)
{
    public async Task HandleAsync(string deviceId, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length is 0 or > 4096)
        {
            return; // an empty retained message clears the state topic; nothing to record
        }

        DeviceState? state;
        try
        {
            state = JsonSerializer.Deserialize(payload.ToArray(), CallSyncJsonContext.Default.DeviceState);
        }
        catch (JsonException)
        {
            Log.RecordRejected(logger, deviceId, "malformed state payload");
            return;
        }

        if (state is null || state.State is not (DeviceState.Online or DeviceState.Offline))
        {
            Log.RecordRejected(logger, deviceId, "state payload without online or offline");
            return;
        }

        var online = state.State == DeviceState.Online;
        if (await devices.SetStateAsync(deviceId, online, state.At, cancellationToken).ConfigureAwait(false))
        {
            // Every instance hears the retained state; only the one whose write changed the row tells the apps.
            await events.DeviceStateChangedAsync(deviceId, online, state.At, cancellationToken).ConfigureAwait(false);
            Log.DeviceStateChanged(logger, deviceId, online);
        }
    }
}

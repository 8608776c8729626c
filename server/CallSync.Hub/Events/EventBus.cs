using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CallSync.Hub.Api;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Events;

/// <summary>
/// Where the hub's parts report what the apps should see at once. Each event goes to the shared log (so streams on
/// every instance get it) and wakes this instance's fan-out. Live updates are a convenience on top of the API, so a
/// failed append is logged and never fails the operation that caused it.
/// </summary>
internal sealed class EventBus(EventStore store, EventFanout fanout, ILogger<EventBus> logger)
{
    public Task RecordStoredAsync(StoredCallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AppendAsync(EventKinds.Record, record.DeviceId, null,
            new RecordEvent(record.RecordId, record.DeviceId, record.Direction, record.RemoteNumber, record.Result, record.StartedAt),
            AppJsonContext.Default.RecordEvent, cancellationToken);
    }

    public Task DialChangedAsync(DialRequest dial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dial);
        return AppendAsync(EventKinds.Dial, dial.DeviceId, dial.UserId, dial.ToDto(), HubJsonContext.Default.DialDto, cancellationToken);
    }

    public Task BindingChangedAsync(string userId, string deviceId, string action, string outcome, CancellationToken cancellationToken) =>
        AppendAsync(EventKinds.Binding, deviceId, userId, new BindingEvent(userId, deviceId, action, outcome), AppJsonContext.Default.BindingEvent, cancellationToken);

    public Task DeviceStateChangedAsync(string deviceId, bool online, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
        AppendAsync(EventKinds.Device, deviceId, null, new DeviceEvent(deviceId, online, changedAt), AppJsonContext.Default.DeviceEvent, cancellationToken);

    public Task RecordingStoredAsync(string recordId, string deviceId, long bytes, CancellationToken cancellationToken) =>
        AppendAsync(EventKinds.Recording, deviceId, null, new RecordingEvent(recordId, deviceId, bytes), AppJsonContext.Default.RecordingEvent, cancellationToken);

    private async Task AppendAsync<T>(string kind, string? deviceId, string? userId, T data, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAsync(kind, deviceId, userId, JsonSerializer.Serialize(data, typeInfo), cancellationToken).ConfigureAwait(false);
            fanout.Wake();
        }
        catch (System.Data.Common.DbException ex)
        {
            Log.EventAppendFailed(logger, kind, ex);
        }
    }
}

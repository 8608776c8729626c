using System.Buffers;
using CallSync.Contracts;
using CallSync.Hub.Bindings;
using CallSync.Hub.Configuration;
using CallSync.Hub.Dialing;
using CallSync.Hub.Records;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Messaging;

/// <summary>
/// Routes what phones publish, from either broker: <c>calls</c> to the ingest pipeline, <c>state</c> to the state
/// tracker, <c>replies</c> to the dial relay and <c>bind-requests</c> to the binding service. Before any of that it
/// refuses, counts and logs a message when the authenticated sender (known on the embedded broker; on an external
/// broker its ACL makes the topic the sender) is not the topic's device, or the device is not registered; the
/// payload's own <c>deviceId</c> is then checked against the topic by each handler.
/// </summary>
internal sealed class DeviceMessageRouter(
    IngestPipeline ingest,
    DeviceStateTracker states,
    DialService dials,
    BindingService bindings,
    DeviceStore devices,
    RefusalCounter refusals)
{
    public const string BindRequestsLeaf = "bind-requests";

    /// <param name="sender">The authenticated device id, or null when the broker's ACL vouches for the topic.</param>
    /// <param name="deviceId">The topic's device id.</param>
    /// <param name="leaf">The topic's last level.</param>
    /// <param name="payload">The message.</param>
    /// <param name="committed">For a record: runs once it is committed (then the result is <see cref="RouteResult.Pending"/>).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<RouteResult> RouteAsync(string? sender, string deviceId, string leaf, ReadOnlySequence<byte> payload, Func<CancellationToken, Task> committed, CancellationToken cancellationToken)
    {
        if (sender is not null && !string.Equals(sender, deviceId, StringComparison.Ordinal))
        {
            refusals.Refuse(RefusalCounter.IdentityMismatch, sender, "published on device " + deviceId + "'s " + leaf);
            return RouteResult.Refused;
        }

        // An id outside the device alphabet can name no registered phone: refused without a query, logged without its text.
        if (!DeviceIdRules.IsValid(deviceId) || !await devices.IsKnownAsync(deviceId, cancellationToken).ConfigureAwait(false))
        {
            refusals.Refuse(RefusalCounter.UnknownDevice, DeviceIdRules.IsValid(deviceId) ? deviceId : "(malformed device id)", leaf);
            return RouteResult.Refused;
        }

        switch (leaf)
        {
            case "calls":
                if (ingest.TryAccept(deviceId, payload, committed, out var reason))
                {
                    return RouteResult.Pending;
                }

                // A record that can never parse is acknowledged and dropped: redelivering it would loop forever.
                var mismatch = reason == CallRecordParser.DeviceMismatch;
                refusals.Refuse(mismatch ? RefusalCounter.DeviceIdMismatch : RefusalCounter.MalformedRecord, deviceId, reason);
                return mismatch ? RouteResult.Refused : RouteResult.Done;
            case "state":
                await states.HandleAsync(deviceId, payload, cancellationToken).ConfigureAwait(false);
                return RouteResult.Done;
            case "replies":
                if (await dials.HandleReplyAsync(deviceId, payload, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    // Acknowledged all the same: the phone re-sending it would not make it valid.
                    refusals.Refuse(RefusalCounter.BadReply, deviceId, refused);
                }

                return RouteResult.Done;
            case BindRequestsLeaf:
                await bindings.HandleDeviceRequestAsync(deviceId, payload, cancellationToken).ConfigureAwait(false);
                return RouteResult.Done;
            default:
                return RouteResult.Done;
        }
    }

    /// <summary>The subscription filters for the device-to-hub topics (<c>callsync/v1/devices/+/{leaf}</c>).</summary>
    public static IEnumerable<string> Filters() => BrokerAcl.DeviceLeaves.Select(MqttTopics.AllDevices);
}

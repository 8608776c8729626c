using CallSync.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace CallSync.Hub.Messaging;

/// <summary>
/// With an external broker: keeps the hub's session up (<see cref="HubMqttClient"/>) and routes what phones publish
/// through <see cref="DeviceMessageRouter"/>. A record is acknowledged to the broker only after its commit; everything
/// else once handled. The broker's ACL guarantees the topic's device is the sender (docs/security.md). With the
/// embedded broker this does nothing: the broker hands messages to the router itself.
/// </summary>
internal sealed class MqttIngress(
    Configuration.MqttOptions options,
    HubMqttClient client,
    DeviceMessageRouter router,
    ILogger<MqttIngress> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Embedded)
        {
            client.MessageReceived = OnMessageAsync;
            client.Start();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        options.Embedded ? Task.CompletedTask : client.StopAsync(cancellationToken);

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!MqttTopics.TryParseDeviceTopic(topic, out var deviceId, out var leaf))
        {
            return;
        }

        e.AutoAcknowledge = false;
        var result = RouteResult.Done;
        try
        {
            result = await router.RouteAsync(null, deviceId, leaf, e.ApplicationMessage.Payload, e.AcknowledgeAsync, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One bad message or a database hiccup must not stop the receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MessageHandlingFailed(logger, topic, ex);
        }

        if (result != RouteResult.Pending)
        {
            await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}

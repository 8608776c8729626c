using CallSync.Contracts;
using CallSync.Hub.Bindings;
using CallSync.Hub.Configuration;
using CallSync.Hub.Dialing;
using CallSync.Hub.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace CallSync.Hub.Messaging;

/// <summary>
/// Keeps the MQTT connection up and routes device topics: <c>calls</c> to the ingest pipeline, <c>state</c> to the
/// state tracker, <c>replies</c> to the dial relay and <c>bind-requests</c> to the binding service. Work-sharing
/// topics use the MQTT 5 shared subscription <c>$share/{group}/...</c>, so each message reaches one instance;
/// <c>state</c> is subscribed plainly on every instance because retained messages are not sent to shared
/// subscriptions (MQTT 5.0 section 4.8.2).
/// </summary>
internal sealed class MqttIngress(
    HubMqttClient client,
    MqttOptions options,
    IngestPipeline ingest,
    DeviceStateTracker states,
    DialService dials,
    BindingService bindings,
    TimeProvider timeProvider,
    ILogger<MqttIngress> logger) : BackgroundService
{
    public const string BindRequestsLeaf = "bind-requests";

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Filters { get; } =
    [
        Shared(options, MqttTopics.AllDevices("calls")),
        MqttTopics.AllDevices("state"),
        Shared(options, MqttTopics.AllDevices("replies")),
        Shared(options, MqttTopics.AllDevices(BindRequestsLeaf)),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        client.MessageReceived = OnMessageAsync;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await client.EnsureConnectedAsync(Filters, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Any broker or network failure means "try again shortly"; the loop must survive it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.MqttConnectFailed(logger, ex.Message);
            }

            try
            {
                await Task.Delay(ReconnectDelay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Shutting down: a failed DISCONNECT changes nothing (the session persists either way).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MqttConnectFailed(logger, ex.Message);
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!MqttTopics.TryParseDeviceTopic(topic, out var deviceId, out var leaf))
        {
            return;
        }

        var payload = e.ApplicationMessage.Payload;
        try
        {
            switch (leaf)
            {
                case "calls":
                    ingest.Accept(deviceId, e);
                    break;
                case "state":
                    await states.HandleAsync(deviceId, payload, CancellationToken.None).ConfigureAwait(false);
                    break;
                case "replies":
                    await dials.HandleReplyAsync(deviceId, payload, CancellationToken.None).ConfigureAwait(false);
                    break;
                case BindRequestsLeaf:
                    await bindings.HandleDeviceRequestAsync(deviceId, payload, CancellationToken.None).ConfigureAwait(false);
                    break;
            }
        }
#pragma warning disable CA1031 // One bad message or a database hiccup must not stop the receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MessageHandlingFailed(logger, topic, ex);
        }
    }

    // The embedded broker serves one hub, so it gets plain subscriptions.
    private static string Shared(MqttOptions mqtt, string filter) =>
        string.IsNullOrEmpty(mqtt.SharedGroup) || mqtt.Embedded ? filter : "$share/" + mqtt.SharedGroup + "/" + filter;
}

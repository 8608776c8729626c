using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using CallSync.Contracts;
using CallSync.Hub.Configuration;
using CallSync.Hub.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CallSync.Hub.Messaging;

/// <summary>
/// The MQTT broker inside the hub (<c>Mqtt:Embedded = true</c>, MQTTnet.Server), so a small office needs nothing
/// installed. It refuses anonymous clients and binds each client id to its user name (<see cref="BrokerAuthenticator"/>),
/// enforces <see cref="BrokerAcl"/> on every SUBSCRIBE and PUBLISH, and hands what phones publish straight to the hub
/// (<see cref="DeviceMessageRouter"/>) before it answers: a record's PUBACK goes out only after its row is committed,
/// so a phone never deletes a record the hub could still lose, even to a SIGKILL. The hub's own messages (commands,
/// inbox pushes) are injected as identity <c>Mqtt:Username</c>. Sessions and queued messages to phones and apps live in
/// memory (docs/security.md, "Durability").
/// </summary>
internal sealed class EmbeddedBrokerHost(
    MqttOptions options,
    BrokerAuthenticator authenticator,
    IServiceProvider services,
    RefusalCounter refusals,
    ILogger<EmbeddedBrokerHost> logger) : IHostedService, IHubBroker, IAsyncDisposable
{
    /// <summary>
    /// Messages queued for one subscriber before the broker drops any (MQTTnet's default is 250, dropping the oldest).
    /// Phones' records no longer queue here (they are committed before the PUBACK); this bounds commands and pushes.
    /// </summary>
    public const int MaxQueuedPerClient = 1_000_000;

    private static readonly object IdentityKey = new();

    private readonly ConcurrentDictionary<object, object> _hubItems = new() { [IdentityKey] = new BrokerIdentity(BrokerIdentityKind.Hub, options.Username) };
    private MqttServer? _server;

    // Resolved at start, not injected: the router's dial relay publishes through this broker (IHubBroker).
    private DeviceMessageRouter? _router;

    public bool IsConnected => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Embedded)
        {
            return;
        }

        _router = (DeviceMessageRouter)services.GetService(typeof(DeviceMessageRouter))!;
        var address = IPAddress.Parse(options.EmbeddedAddress);
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(options.EmbeddedPort)
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(MaxQueuedPerClient)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(serverOptions);
        server.ValidatingConnectionAsync += ValidateAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.QueuedApplicationMessageOverwrittenAsync += e =>
        {
            // Only reached past MaxQueuedPerClient: say so loudly, the message is gone from this broker.
            Log.BrokerQueueOverflow(logger, e.ReceiverClientId, MaxQueuedPerClient);
            return Task.CompletedTask;
        };
        await server.StartAsync().ConfigureAwait(false);
        _server = server;
        Log.BrokerStarted(logger, address, options.EmbeddedPort);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            return false;
        }

        await server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(CallSync.Mqtt.MqttSession.JsonMessage(topic, payload, retain)) { SenderClientId = options.Username, SenderUserName = options.Username, CustomSessionItems = _hubItems },
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task DisconnectAsync(string username, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        foreach (var client in await server.GetClientsAsync().ConfigureAwait(false))
        {
            if (string.Equals(client.Id, username, StringComparison.Ordinal))
            {
                await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized }).ConfigureAwait(false);
            }
        }

        foreach (var session in await server.GetSessionsAsync().ConfigureAwait(false))
        {
            if (string.Equals(session.Id, username, StringComparison.Ordinal))
            {
                await session.DeleteAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
            server.Dispose();
        }
    }

    private async Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        var (identity, refusal) = await authenticator.AuthenticateAsync(e.ClientId, e.UserName, e.Password, e.CancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            // MQTT 5: "bad user name or password" says nothing about which part was wrong.
            e.ReasonCode = string.IsNullOrEmpty(e.UserName) ? MqttConnectReasonCode.NotAuthorized
                : refusal == BrokerAuthenticator.ClientIdMismatch ? MqttConnectReasonCode.ClientIdentifierNotValid
                : MqttConnectReasonCode.BadUserNameOrPassword;
            refusals.Refuse(RefusalCounter.BadCredentials, (e.UserName ?? "(none)") + " from " + e.RemoteEndPoint, refusal);
            return;
        }

        e.SessionItems[IdentityKey] = identity;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        if (IdentityOf(e.SessionItems) is { } identity && BrokerAcl.MaySubscribe(identity, filter))
        {
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        refusals.Refuse(RefusalCounter.SubscribeNotAllowed, e.UserName ?? e.ClientId, filter);
        return Task.CompletedTask;
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (IdentityOf(e.SessionItems) is not { } identity || !BrokerAcl.MayPublish(identity, topic))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            refusals.Refuse(RefusalCounter.PublishNotAllowed, e.UserName ?? e.ClientId, topic);
            return;
        }

        if (identity.Kind != BrokerIdentityKind.Device || !MqttTopics.TryParseDeviceTopic(topic, out var deviceId, out var leaf))
        {
            return; // the hub's commands and pushes: delivered to their subscribers
        }

        // A phone's message is the hub's business only: consumed here, acknowledged once handled (a record: committed).
        e.ProcessPublish = false;
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var result = await _router!.RouteAsync(identity.Name, deviceId, leaf, e.ApplicationMessage.Payload, _ =>
            {
                committed.TrySetResult();
                return Task.CompletedTask;
            }, e.CancellationToken).ConfigureAwait(false);
            if (result == RouteResult.Pending)
            {
                await committed.Task.WaitAsync(e.CancellationToken).ConfigureAwait(false);
            }

            e.Response.ReasonCode = result == RouteResult.Refused ? MqttPubAckReasonCode.NotAuthorized : MqttPubAckReasonCode.Success;
        }
        catch (OperationCanceledException) when (e.CancellationToken.IsCancellationRequested)
        {
            throw; // the connection is going away: no PUBACK, the phone sends it again
        }
#pragma warning disable CA1031 // A database hiccup must not close the phone's connection: it gets an error PUBACK and retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MessageHandlingFailed(logger, topic, ex);
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
        }
    }

    private static BrokerIdentity? IdentityOf(IDictionary? items) => items?[IdentityKey] as BrokerIdentity;
}

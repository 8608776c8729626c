using System.Net;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Contracts;
using CallSync.Mqtt;
using CallSync.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// The hub link: (optionally) an embedded broker, the MQTT session, the outbox publisher that moves committed
/// records to the broker, and the processor of signed remote commands.
/// </summary>
internal sealed class MqttService(
    AgentOptions options,
    RecordsDatabase database,
    RecordOutbox outbox,
    RecordingOutbox recordings,
    CommandLedger ledger,
    RemoteDialer dialer,
    RecordsNotifier notifier,
    Calls.CallManager calls,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IStatusSource, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<MqttService>();
    private EmbeddedBroker? _broker;
    private MqttLink? _link;
    private OutboxPublisher? _publisher;
    private CommandProcessor? _commands;

    public string Name => "mqtt";

    public string Describe()
    {
        if (options.Mqtt is null)
        {
            return $"no broker configured; {outbox.Count} record(s) wait in the outbox";
        }

        var state = _link?.IsConnected == true ? "connected" : "connecting";
        var broker = _broker is null ? "" : " (embedded broker)";
        return $"{state} to {options.Mqtt.Url}{broker}, boot {_link?.Boot}, {outbox.Count} record(s) in the outbox";
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Mqtt is not { } mqtt)
        {
            return;
        }

        if (mqtt.Embedded)
        {
            var address = IPAddress.TryParse(mqtt.Url.Host, out var ip) ? ip : IPAddress.Loopback;
            try
            {
                _broker = await EmbeddedBroker.StartAsync(loggers.CreateLogger<EmbeddedBroker>(), address, mqtt.Url.Port).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
            {
                throw new StartupError($"mqtt: cannot run the embedded broker on {mqtt.Url} ({ex.Message})");
            }

            RecordsLog.EmbeddedBroker(_logger, _broker.Url);
        }

        var boot = BootCounter.Next(database);
        RecordsLog.Boot(_logger, boot);
        var device = new DeviceIdentity(options.Device.Id, options.Device.Number);
        var linkOptions = new CallSync.Mqtt.MqttOptions
        {
            Url = mqtt.Url.ToString(),
            Username = mqtt.Username,
            Password = mqtt.Password,
            ClientCertificatePath = mqtt.ClientCertificate,
            ClientKeyPath = mqtt.ClientKey,
            CaCertificatePath = mqtt.CaCertificate,
            KeepAlive = mqtt.KeepAlive,
            ProvisioningKey = options.Device.ProvisioningKey is { } key ? Convert.ToBase64String(key) : null,
        };
        _link = new MqttLink(linkOptions, device, boot, time, loggers.CreateLogger<MqttLink>());
        var outboxOptions = new OutboxOptions { MaxRows = mqtt.OutboxLimit };
        _publisher = new OutboxPublisher(outbox, _link, outboxOptions, time, loggers.CreateLogger<OutboxPublisher>());
        notifier.RecordQueued += _publisher.Wake;
        _commands = new CommandProcessor(device, linkOptions, ledger, dialer, new DurableReplyTransport(outbox, _link), Status, time, loggers.CreateLogger<CommandProcessor>());
        _link.CommandReceived = _commands.HandleAsync;
        _link.Connected += _publisher.Wake;
        _link.Start();
        _publisher.Start();
        await _commands.RecoverAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_commands is not null)
        {
            await _commands.DisposeAsync().ConfigureAwait(false);
        }

        if (_publisher is not null)
        {
            notifier.RecordQueued -= _publisher.Wake;
            await _publisher.DisposeAsync().ConfigureAwait(false);
        }

        if (_link is not null)
        {
            // A clean stop publishes the retained "offline" state before disconnecting.
            await _link.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_link is not null)
        {
            await _link.DisposeAsync().ConfigureAwait(false);
        }
    }

    private CallSync.Contracts.DeviceStatus Status() => new()
    {
        Activity = calls.Activity,
        Boot = _link?.Boot ?? 0,
        PendingRecords = outbox.Count,
        PendingRecordings = recordings.PendingCount,
    };
}

using System.Net.Sockets;
using CallSync.Agent.Calls;
using CallSync.Agent.Companion;
using CallSync.Agent.Configuration;
using CallSync.Agent.Control;
using CallSync.Agent.Hosting;
using CallSync.Agent.Media;
using CallSync.Agent.Records;
using CallSync.Agent.Storage;
using CallSync.Companion;
using CallSync.Companion.Security;
using CallSync.Companion.Server;
using CallSync.Hal.Linux.Bluetooth;
using CallSync.Hal.Linux.Bluetooth.BlueZ;
using CallSync.Hal;
using CallSync.Records;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent;

/// <summary>
/// The composition root: the one place that knows every component and wires hardware, SIP, media, recording,
/// records, MQTT and the companion link together. Hosted services start in registration order and stop in
/// reverse: the phone (calls hung up, records split) stops before the companion link and the MQTT link, which
/// flush what the calls left.
/// </summary>
internal static class AgentComposition
{
    public static void Register(IServiceCollection services, AgentOptions options, DataDirectory dataDirectory, string version)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Control);
        services.AddSingleton(dataDirectory);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IBoard>(sp => BoardFactory.Create(options.Board, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));

        services.AddSingleton(options.Storage);
        services.AddSingleton<IFreeSpaceProbe, FileSystemFreeSpace>();
        services.AddSingleton<StorageMonitor>();
        services.AddSingleton<IStatusSource>(sp => sp.GetRequiredService<StorageMonitor>());
        RegisterRecords(services, options, dataDirectory);
        RegisterCalls(services, options);

        services.AddSingleton<IStatusSource>(new DeviceStatus(options, version));
        services.AddSingleton(sp => new StatusReport(sp, version));
        services.AddSingleton<ControlDispatcher>();
        services.AddSingleton<IControlCommandHandler, BoardControlHandler>();
        services.AddSingleton<IControlCommandHandler, CallControlHandler>();

        services.AddSingleton<ControlServer>();
        services.AddSingleton<IStatusSource>(sp => sp.GetRequiredService<ControlServer>());
        services.AddHostedService(sp => sp.GetRequiredService<ControlServer>());
        services.AddHostedService<SystemdWatchdog>();

        // Free space is known (and the reserve released when the disk is full) before the records of the last run are written.
        services.AddHostedService(sp => sp.GetRequiredService<StorageMonitor>());

        // Calls the last run left unfinished get their records before any new call starts.
        services.AddHostedService<CallJournalRecovery>();

        // Started before the phone so a call's record always has somewhere to go; stopped after it.
        services.AddHubLink(options, dataDirectory);
        RegisterCompanion(services, options);
        services.AddSingleton<IStatusSource>(sp => sp.GetRequiredService<CompanionService>());
        services.AddSingleton<IControlCommandHandler>(sp => sp.GetRequiredService<CompanionService>());
        services.AddHostedService(sp => sp.GetRequiredService<CompanionService>());
        services.AddHostedService<RetentionService>();

        services.AddSingleton<IStatusSource>(sp => sp.GetRequiredService<SipLineStatus>());
        services.AddSingleton<IStatusSource>(sp => sp.GetRequiredService<CallManager>());
        services.AddHostedService(sp => sp.GetRequiredService<CallManager>());

        if (options.Board.Kind == BoardKind.Simulated && options.Board.ControlInput)
        {
            services.AddHostedService<ConsoleControl>();
        }

        services.AddHostedService<ReadinessReporter>();
    }

    private static void RegisterRecords(IServiceCollection services, AgentOptions options, DataDirectory dataDirectory)
    {
        services.AddSingleton(_ => RecordsDatabase.OpenInDirectory(dataDirectory.Path));
        services.AddSingleton(new DeviceIdentity(options.Device.Id, options.Device.Number));
        services.AddSingleton(new OutboxOptions { MaxRows = options.Mqtt?.OutboxLimit ?? 100_000 });
        services.AddSingleton(new RetentionOptions
        {
            MaxAge = TimeSpan.FromDays(options.Recording.RetentionDays),
            QuotaBytes = options.Recording.QuotaBytes,
        });
        services.AddSingleton<RecordOutbox>();
        services.AddSingleton<RecordingOutbox>();
        services.AddSingleton<CallSplitter>();
        services.AddSingleton(sp => new CommandLedger(sp.GetRequiredService<RecordsDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RecordsNotifier>();
        services.AddSingleton<CallHistory>();
        services.AddSingleton<ICallHistory>(sp => sp.GetRequiredService<CallHistory>());
        services.AddSingleton<ICompanionOutbox, CompanionOutboxAdapter>();
        services.AddSingleton<CallJournal>();
    }

    private static void RegisterCalls(IServiceCollection services, AgentOptions options)
    {
        services.AddSingleton<CallMediaFactory>();
        services.AddSingleton<RecordCommitter>();
        services.AddSingleton<CallFinisher>();
        services.AddSingleton(sp => CreateUserAgent(sp, options));
        services.AddSingleton<SipLineStatus>();
        services.AddSingleton<CallManager>();
        services.AddSingleton<RemoteDialer>();
        services.AddSingleton<PhoneCompanionDialer>();
        services.AddSingleton<ICompanionDialer>(sp => sp.GetRequiredService<PhoneCompanionDialer>());
    }

    private static SipUserAgent CreateUserAgent(IServiceProvider services, AgentOptions options)
    {
        try
        {
            return new SipUserAgent(
                options.Sip.UserAgent with
                {
                    Media = services.GetRequiredService<CallMediaFactory>().Capabilities,
                    AllowSdesOverPlainSip = options.Rtp.AllowSdesOverPlainSip,
                },
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILoggerFactory>());
        }
        catch (ArgumentException ex)
        {
            // A tls: endpoint without a certificate, which the configuration check already refuses: one line, exit 2.
            throw new StartupError($"sip: {ex.Message}");
        }
        catch (SocketException ex)
        {
            // A port another program (or another agent) holds: one line, exit 2, not a crash.
            throw new StartupError($"sip: cannot listen on {string.Join(", ", options.Sip.UserAgent.ListenEndPoints)} ({ex.SocketErrorCode})");
        }
    }

    private static void RegisterCompanion(IServiceCollection services, AgentOptions options)
    {
        services.AddSingleton(CompanionTransports.Sockets(options.Companion?.Bluetooth ?? new CompanionBluetoothOptions()));
        services.AddSingleton(sp => options.Companion is { } companion ? BuildCompanionLink(sp, options, companion) : CompanionLink.NotConfigured);
        services.AddSingleton<CompanionService>();
    }

    /// <summary>
    /// Opens the Companion:Listen transports (a Bluetooth entry this board cannot open is logged and skipped), and
    /// builds the server on them and the BlueZ publisher for the Bluetooth ones that opened.
    /// </summary>
    private static CompanionLink BuildCompanionLink(IServiceProvider services, AgentOptions options, CompanionOptions companion)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var listeners = CompanionTransports.Open(companion.Listen, services.GetRequiredService<OpenCompanionTransport>(), loggers.CreateLogger<CompanionService>());
        if (listeners.Count == 0)
        {
            return CompanionLink.NotServing($"none of {string.Join(", ", companion.Listen)} could be opened");
        }

        var board = services.GetRequiredService<IBoard>();
        var identity = CompanionIdentity.LoadOrCreate(options.Device.DataDir, options.Device.Id, options.Device.Number);
        var server = new CompanionServer(listeners, identity, new CompanionKeyStore(options.Device.DataDir),
            services.GetRequiredService<ICompanionOutbox>(), services.GetRequiredService<ICompanionDialer>(),
            new KeypadPairingConfirmer(board.Keypad, board.Display), new CompanionServerOptions(),
            services.GetRequiredService<TimeProvider>(), loggers.CreateLogger<CompanionServer>());

        var transports = listeners.Select(l => l.Transport).ToList();
        ushort? psm = transports.OfType<L2capCompanionTransport>().FirstOrDefault()?.Psm;
        byte? channel = transports.OfType<RfcommCompanionTransport>().FirstOrDefault()?.Channel;
        var publisher = psm is null && channel is null
            ? null
            : new BlueZPublisher(new BlueZOptions { Name = $"CallSync {options.Device.Number}", LePsm = psm, RfcommChannel = channel },
                loggers.CreateLogger<BlueZPublisher>());
        return new CompanionLink(server, listeners, publisher, identity);
    }
}

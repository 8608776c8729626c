using CallSync.Agent.Configuration;
using CallSync.Agent.Control;
using CallSync.Agent.Hosting;
using CallSync.Agent.Records;
using CallSync.Companion;
using CallSync.Companion.Security;
using CallSync.Companion.Server;
using CallSync.Companion.Transport;
using CallSync.Control;
using CallSync.Hal;
using CallSync.Hal.Linux.Bluetooth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Companion;

/// <summary>
/// The companion link: listens for paired mobiles (RFCOMM on a board, TCP in simulation), delivers recordings,
/// takes their dial requests; <c>callsync companions list|unpair</c> manage the pairings.
/// </summary>
internal sealed class CompanionService(
    AgentOptions options,
    IBoard board,
    ICompanionOutbox outbox,
    PhoneCompanionDialer dialer,
    RecordsNotifier notifier,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService, IStatusSource, IControlCommandHandler
{
    private CompanionServer? _server;
    private CallSync.Companion.Security.CompanionIdentity? _identity;
    private ICompanionTransport? _transport;

    public string Name => "companion";

    public IReadOnlyCollection<string> Commands { get; } = ["companions"];

    public IReadOnlyCollection<string> Help { get; } =
    [
        "companions list        the paired mobiles",
        "companions unpair ID   forget a paired mobile",
    ];

    public string Describe() => _server is null || _transport is null
        ? "not configured (Companion:Listen)"
        : $"listening on {_transport.Endpoint}, {_server.ListCompanions().Count} paired, {_server.ActiveSessions} connected";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Companion is not { } companion)
        {
            return;
        }

        try
        {
            _transport = companion.Listen.Tcp is { } tcp
                ? TcpCompanionTransport.Listen(tcp)
                : RfcommCompanionTransport.Listen(companion.Listen.RfcommChannel);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or BluetoothUnavailableException)
        {
            throw new StartupError($"companion: cannot listen on {companion.Listen} ({ex.Message})");
        }

        _identity = CallSync.Companion.Security.CompanionIdentity.LoadOrCreate(options.Device.DataDir, options.Device.Id, options.Device.Number);
        _server = new CompanionServer(_transport, _identity, new CompanionKeyStore(options.Device.DataDir), outbox, dialer,
            new KeypadPairingConfirmer(board.Keypad, board.Display), new CompanionServerOptions(), time, loggers.CreateLogger<CompanionServer>());
        notifier.RecordingQueued += OnRecordingQueued;
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.RecordingQueued -= OnRecordingQueued;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        if (_transport is not null)
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }

        _identity?.Dispose();
    }

    public async Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return ControlResponse.Refused("the companion link is not configured (Companion:Listen)");
        }

        switch (request.Args)
        {
            case ["list"]:
                var paired = _server.ListCompanions();
                return ControlResponse.Ok(paired.Count == 0
                    ? "no paired mobiles"
                    : string.Join(Environment.NewLine, paired.Select(c => $"{c.CompanionId}  user {c.AppUserId}  \"{c.Name}\"  paired {c.PairedAt:yyyy-MM-dd HH:mm}Z")));
            case ["unpair", var id]:
                return await _server.UnpairAsync(id, cancellationToken).ConfigureAwait(false)
                    ? ControlResponse.Ok($"unpaired {id}")
                    : ControlResponse.Refused($"no paired mobile {id}");
            default:
                return ControlResponse.Usage("usage: companions list | companions unpair ID");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _server is null ? Task.CompletedTask : _server.RunAsync(stoppingToken);

    private void OnRecordingQueued(Guid recordId) => _server?.NotifyRecordingReady(recordId.ToString());
}

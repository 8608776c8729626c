using CallSync.Agent.Control;
using CallSync.Agent.Hosting;
using CallSync.Agent.Records;
using CallSync.Control;
using Microsoft.Extensions.Hosting;

namespace CallSync.Agent.Companion;

/// <summary>
/// The companion link's hosted service: starts and stops the <see cref="CompanionLink"/> the composition root built
/// (its server on RFCOMM, LE and TCP transports, its BlueZ registrations), offers new recordings to it, and answers
/// <c>callsync companions list|unpair</c>.
/// </summary>
internal sealed class CompanionService(CompanionLink link, RecordsNotifier notifier) : BackgroundService, IStatusSource, IControlCommandHandler
{
    public string Name => "companion";

    public IReadOnlyCollection<string> Commands { get; } = ["companions"];

    public IReadOnlyCollection<string> Help { get; } =
    [
        "companions list        the paired mobiles",
        "companions unpair ID   forget a paired mobile",
    ];

    public string Describe() => link.Server is not { } server
        ? link.State
        : $"listening on {string.Join(", ", server.Endpoints)}, {server.ListCompanions().Count} paired, {server.ActiveSessions} connected" +
          (link.Publisher is { } publisher ? $"; Bluetooth: {publisher.Describe()}" : "");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (link.Server is null)
        {
            return;
        }

        if (link.Publisher is { } publisher)
        {
            await publisher.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        notifier.RecordingQueued += OnRecordingQueued;
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.RecordingQueued -= OnRecordingQueued;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await link.DisposeAsync().ConfigureAwait(false);
    }

    public async Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        if (link.Server is not { } server)
        {
            return ControlResponse.Refused($"the companion link is {link.State}");
        }

        switch (request.Args)
        {
            case ["list"]:
                var paired = server.ListCompanions();
                return ControlResponse.Ok(paired.Count == 0
                    ? "no paired mobiles"
                    : string.Join(Environment.NewLine, paired.Select(c => $"{c.CompanionId}  user {c.AppUserId}  \"{c.Name}\"  paired {c.PairedAt:yyyy-MM-dd HH:mm}Z")));
            case ["unpair", var id]:
                return await server.UnpairAsync(id, cancellationToken).ConfigureAwait(false)
                    ? ControlResponse.Ok($"unpaired {id}")
                    : ControlResponse.Refused($"no paired mobile {id}");
            default:
                return ControlResponse.Usage("usage: companions list | companions unpair ID");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        link.Server is { } server ? server.RunAsync(stoppingToken) : Task.CompletedTask;

    private void OnRecordingQueued(Guid recordId) => link.Server?.NotifyRecordingReady(recordId.ToString());
}

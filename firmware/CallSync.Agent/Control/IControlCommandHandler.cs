using CallSync.Control;

namespace CallSync.Agent.Control;

/// <summary>Carries out some control commands (from the technician CLI or the console).</summary>
internal interface IControlCommandHandler
{
    /// <summary>The commands this handler takes, e.g. "dial", "hangup".</summary>
    IReadOnlyCollection<string> Commands { get; }

    /// <summary>One line per command for <c>help</c>, e.g. "dial TARGET   call a number or SIP URI".</summary>
    IReadOnlyCollection<string> Help { get; }

    /// <summary>Carries out one request whose command is one of <see cref="Commands"/>.</summary>
    Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken);
}

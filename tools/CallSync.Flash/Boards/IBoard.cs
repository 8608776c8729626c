using CallSync.Flash.Bundles;

namespace CallSync.Flash.Boards;

/// <summary>
/// One board as the flasher drives it: the few operations of an A/B slot install. <see cref="SshBoard"/> carries them
/// out over ssh; tests use a fake. Every method throws <see cref="BoardException"/> when the board cannot be reached
/// or refuses, with a reason for the technician.
/// </summary>
internal interface IBoard
{
    /// <summary>How the technician named the board (<c>user@host[:port]</c>).</summary>
    string Name { get; }

    /// <summary>Which slot is current, which is marked good, and the current slot's VERSION.</summary>
    Task<SlotState> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Empties <paramref name="slot"/> and copies the payload directory into it, with the agent configuration: the one
    /// given, or else a copy of the one the board has now (each slot keeps its own, so a rollback restores it too).
    /// </summary>
    Task CopyAsync(string slot, string payloadDirectory, byte[]? agentConfig, CancellationToken cancellationToken);

    /// <summary>Hashes every listed file on the board; null when all match, else what differs.</summary>
    Task<string?> VerifyAsync(string slot, BundleManifest manifest, CancellationToken cancellationToken);

    /// <summary>
    /// Points <c>current</c> at <paramref name="slot"/> atomically, installs that slot's unit and restarts the agent.
    /// <paramref name="trial"/>: the slot is not marked good yet and may stay current until the next reboot.
    /// </summary>
    Task SwitchAsync(string slot, bool trial, CancellationToken cancellationToken);

    /// <summary>The agent's own health (<c>callsync status --json</c>) and the slot it runs from.</summary>
    Task<BoardHealth> HealthAsync(CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="slot"/> good and ends its trial.</summary>
    Task MarkGoodAsync(string slot, CancellationToken cancellationToken);

    /// <summary>The agent's last log lines (journal), for a failure report.</summary>
    Task<string> LogTailAsync(CancellationToken cancellationToken);
}

using CallSync.Flash.Boards;
using CallSync.Flash.Bundles;

namespace CallSync.Flash.Tests.Emulated;

/// <summary>A real board with a hook at two moments of a flash (the copy under way, the switch done), where the tests cut its power.</summary>
internal sealed class InterruptedBoard(IBoard inner, Func<Task, Task>? onCopyStarted, Func<Task>? onSwitched) : IBoard
{
    public string Name => inner.Name;

    public Task<SlotState> ProbeAsync(CancellationToken cancellationToken) => inner.ProbeAsync(cancellationToken);

    public async Task CopyAsync(string slot, string payloadDirectory, byte[]? agentConfig, CancellationToken cancellationToken)
    {
        var copy = inner.CopyAsync(slot, payloadDirectory, agentConfig, cancellationToken);
        if (onCopyStarted is not null)
        {
            await onCopyStarted(copy);
        }

        await copy;
    }

    public Task<string?> VerifyAsync(string slot, BundleManifest manifest, CancellationToken cancellationToken) =>
        inner.VerifyAsync(slot, manifest, cancellationToken);

    public async Task SwitchAsync(string slot, bool trial, CancellationToken cancellationToken)
    {
        await inner.SwitchAsync(slot, trial, cancellationToken);
        if (onSwitched is not null)
        {
            await onSwitched();
        }
    }

    public Task<BoardHealth> HealthAsync(CancellationToken cancellationToken) => inner.HealthAsync(cancellationToken);

    public Task MarkGoodAsync(string slot, CancellationToken cancellationToken) => inner.MarkGoodAsync(slot, cancellationToken);

    public Task<string> LogTailAsync(CancellationToken cancellationToken) => inner.LogTailAsync(cancellationToken);
}

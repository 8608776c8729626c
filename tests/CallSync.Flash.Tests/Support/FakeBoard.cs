using CallSync.Flash.Boards;
using CallSync.Flash.Bundles;

namespace CallSync.Flash.Tests.Support;

/// <summary>
/// A board in memory: two slots holding a version each, the current and good links, the trial marker, and an agent
/// whose health per slot the test decides. Records every operation in order.
/// </summary>
internal sealed class FakeBoard(string name) : IBoard
{
    public string Name => name;

    public Dictionary<string, string> SlotVersions { get; } = new(StringComparer.Ordinal);

    public string? Current { get; set; }

    public string? Good { get; set; }

    public string? Trial { get; private set; }

    public List<string> Operations { get; } = [];

    /// <summary>Whether the agent is healthy when run from a slot; default: healthy.</summary>
    public Func<string, bool> HealthyIn { get; set; } = _ => true;

    /// <summary>When set, every operation fails as ssh does on a board that does not answer.</summary>
    public bool Unreachable { get; set; }

    /// <summary>When set, the verify step reports this mismatch.</summary>
    public string? VerifyMismatch { get; set; }

    public Task<SlotState> ProbeAsync(CancellationToken cancellationToken)
    {
        Record("probe");
        return Task.FromResult(new SlotState(Current, Good, Current is null ? null : SlotVersions.GetValueOrDefault(Current)));
    }

    public Task CopyAsync(string slot, string payloadDirectory, byte[]? agentConfig, CancellationToken cancellationToken)
    {
        Record($"copy {slot}");
        SlotVersions[slot] = File.ReadAllText(Path.Combine(payloadDirectory, "VERSION")).Trim();
        return Task.CompletedTask;
    }

    public Task<string?> VerifyAsync(string slot, BundleManifest manifest, CancellationToken cancellationToken)
    {
        Record($"verify {slot}");
        return Task.FromResult(VerifyMismatch);
    }

    public Task SwitchAsync(string slot, bool trial, CancellationToken cancellationToken)
    {
        Record($"switch {slot}{(trial ? " trial" : "")}");
        Current = slot;
        Trial = trial ? slot : null;
        return Task.CompletedTask;
    }

    public Task<BoardHealth> HealthAsync(CancellationToken cancellationToken)
    {
        Record("health");
        var healthy = Current is not null && HealthyIn(Current);
        return Task.FromResult(new BoardHealth(healthy, Current, Current is null ? null : SlotVersions.GetValueOrDefault(Current),
            healthy ? "healthy" : "sip: not listening"));
    }

    public Task MarkGoodAsync(string slot, CancellationToken cancellationToken)
    {
        Record($"mark good {slot}");
        Good = slot;
        Trial = null;
        return Task.CompletedTask;
    }

    public Task<string> LogTailAsync(CancellationToken cancellationToken)
    {
        Record("log tail");
        return Task.FromResult("agent: starting\nagent: Sip:Listen is not a valid endpoint");
    }

    private void Record(string operation)
    {
        if (Unreachable)
        {
            throw new BoardException($"{name}: unreachable: connect to host port 22: No route to host") { Unreachable = true };
        }

        Operations.Add(operation);
    }
}

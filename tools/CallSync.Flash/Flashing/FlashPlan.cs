using CallSync.Flash.Bundles;

namespace CallSync.Flash.Flashing;

/// <summary>What to install: the verified bundle's manifest and extracted payload, the agent configuration, the gate's limits.</summary>
internal sealed record FlashPlan(BundleManifest Manifest, string PayloadDirectory, byte[]? AgentConfig, GateOptions Gate, bool DryRun);

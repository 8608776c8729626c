namespace CallSync.Flash.Boards;

/// <summary>What the health gate saw: healthy or not and why, the slot and version the agent runs.</summary>
internal sealed record BoardHealth(bool Healthy, string? Slot, string? Version, string Reason);

namespace CallSync.Agent.Configuration;

/// <summary>Who this desk phone is and where it keeps its data.</summary>
public sealed record DeviceOptions(string Id, string Number, string DataDir, byte[]? ProvisioningKey);

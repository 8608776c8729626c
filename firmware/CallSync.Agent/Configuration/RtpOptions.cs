namespace CallSync.Agent.Configuration;

/// <summary>Where media flows.</summary>
public sealed record RtpOptions(string Address, int PortMin, int PortMax);

namespace CallSync.Interop.Tests;

/// <summary>
/// Load runs measure the agent, so they run alone: after the other interop tests, never beside them (two cores
/// shared with sipp, mosquitto and other agents would make sipp retransmit for reasons that are not the agent's).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadRunCollection
{
    public const string Name = "load runs";
}

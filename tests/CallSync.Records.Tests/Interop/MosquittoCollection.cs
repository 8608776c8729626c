namespace CallSync.Records.Tests.Interop;

/// <summary>Interop tests run one at a time: each starts its own broker and child processes on a 2-core machine.</summary>
[CollectionDefinition("Mosquitto", DisableParallelization = true)]
public sealed class MosquittoCollection;

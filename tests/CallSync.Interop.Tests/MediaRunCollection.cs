namespace CallSync.Interop.Tests;

/// <summary>
/// Calls whose audio is measured (replayed streams, linphone, calls under load) run one at a time, after the other
/// interop tests: two cores shared with other calls would put holes into the audio that are not the agent's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MediaRunCollection
{
    public const string Name = "media runs";
}

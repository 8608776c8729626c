namespace CallSync.Media.Tests.Support;

/// <summary>
/// Tests that measure real-time behaviour run alone: other test classes allocating in the same process would add
/// their garbage collections (which pause every managed thread, the audio clocks' included) to what is measured.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}

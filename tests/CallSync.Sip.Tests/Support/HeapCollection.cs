namespace CallSync.Sip.Tests.Support;

/// <summary>
/// Tests that compare the process's managed heap before and after a workload run alone: other test classes
/// allocating and releasing in the same process at the same time would move the figure either way.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapCollection
{
    public const string Name = "heap";
}

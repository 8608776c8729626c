namespace CallSync.Testing.Diagnostics;

/// <summary>
/// Bytes a thread allocates, exactly. <see cref="GC.GetAllocatedBytesForCurrentThread"/> counts the unused rest of the
/// thread's allocation context (up to 8 KB) as allocated once the runtime retires that context, which other threads'
/// allocations make it do at any moment while this thread allocates nothing (measured: 751 of 20,000 idle intervals
/// moved, by up to 8,072 bytes, with three threads allocating). A gen0 collection retires the context first, so from
/// then on the count moves only by what this thread allocates.
/// </summary>
public static class ThreadAllocations
{
    /// <summary>
    /// Starts an exact measurement on the current thread: collects gen0, then reads the count. Exact as long as the
    /// thread allocates nothing between this call and <see cref="Since"/> but what is measured.
    /// </summary>
    public static long Start()
    {
        GC.Collect(0);
        return GC.GetAllocatedBytesForCurrentThread();
    }

    /// <summary>The bytes allocated on the current thread since <paramref name="start"/> (from <see cref="Start"/>).</summary>
    public static long Since(long start) => GC.GetAllocatedBytesForCurrentThread() - start;
}

namespace CallSync.Hub.Tests.Benchmarks;

/// <summary>
/// A theory that runs only when <c>CALLSYNC_HUB_BENCH=1</c>: benchmarks take minutes and their numbers mean
/// something only on an otherwise idle machine, so the normal test run skips them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BenchmarkTheoryAttribute : TheoryAttribute
{
    public BenchmarkTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("CALLSYNC_HUB_BENCH") != "1")
        {
            Skip = "benchmark: run with CALLSYNC_HUB_BENCH=1 (docs/benchmarks.md, Hub)";
        }
    }
}

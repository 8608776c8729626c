namespace CallSync.Interop.Tests.Web;

/// <summary>
/// A fact that runs only when <c>CALLSYNC_WEB_BENCH=1</c> (deploy/bench-hub.sh sets it): its figures mean something only
/// on an otherwise quiet machine, and it asserts nothing the end-to-end tests do not already.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WebBenchmarkFactAttribute : FactAttribute
{
    public WebBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CALLSYNC_WEB_BENCH") != "1")
        {
            Skip = "benchmark: run with CALLSYNC_WEB_BENCH=1 (deploy/bench-hub.sh, docs/benchmarks.md)";
        }
    }
}

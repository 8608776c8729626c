using BenchmarkDotNet.Running;

namespace CallSync.Benchmarks;

internal static class Program
{
    // Every [Benchmark] class in this assembly; pick with --filter. "media-timing" runs the timing measurement instead.
    private static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "media-timing")
        {
            Media.MediaTimingRun.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

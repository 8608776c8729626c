using BenchmarkDotNet.Running;

namespace CallSync.Benchmarks;

internal static class Program
{
    // Every [Benchmark] class in this assembly; pick with --filter.
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using System.Runtime.CompilerServices;
using CallSync.Hal.Linux.Memory;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Hosting;

/// <summary>
/// Device:TrimMemoryAfterStart. Run once every component has started: start-up (configuration binding, dependency
/// injection, migrations, the first connections) allocates several MiB of short-lived objects and runs code no call
/// runs again. A compacting collection in the aggressive mode hands the heap's free regions back to the system, and
/// the executable's read-only pages are paged out; the kernel reads back the pages a call needs. Measured on the
/// NativeAOT agent (docs/benchmarks.md, "Agent memory in a call"); a JIT-compiled agent (development, tests) is left
/// as it is.
/// </summary>
internal static class StartupMemoryTrim
{
    private const double Mib = 1024 * 1024;

    public static void Run(ILogger logger)
    {
        if (RuntimeFeature.IsDynamicCodeCompiled)
        {
            // Measured: 60.6 -> 61.2 MiB. A JIT-compiled agent shares its runtime's files with every other .NET process
            // (a shared page stays resident) and keeps compiling after start, so the collection and the page-out
            // would cost a pause for nothing.
            Log.MemoryTrimNotApplicable(logger);
            return;
        }

        if (WorkingSet.Read() is not { } before)
        {
            return; // not Linux: nothing to measure or page out
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var pagedOut = WorkingSet.PageOutFileMappings();
        if (pagedOut.Problem is { } problem)
        {
            Log.MemoryTrimSkipped(logger, problem);
        }

        var after = WorkingSet.Read() ?? before;
        Log.MemoryTrimmed(logger, before.Resident / Mib, after.Resident / Mib, after.Anonymous / Mib, after.FileBacked / Mib, pagedOut.Mappings);
    }
}

using System.Runtime.CompilerServices;
using CallSync.Agent.Calls;
using CallSync.Contracts;
using CallSync.Hal.Linux.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Hosting;

/// <summary>
/// Device:TrimMemoryAfterStart. Runs once start-up has settled (<see cref="StartupSettling"/>: healthy and idle, or
/// idle after <see cref="SettleLimit"/>): start-up (configuration binding, dependency injection, migrations, the first
/// connections and their TLS handshakes) allocates several MiB of short-lived objects and runs code no call runs
/// again. A compacting collection in the aggressive mode hands the heap's free regions back to the system, and the
/// executable's read-only pages are paged out; the kernel reads back the pages a call needs. Measured on the
/// NativeAOT agent (docs/benchmarks.md, "Agent memory in a call"); a JIT-compiled agent (development, tests) is left
/// as it is.
/// </summary>
internal static class StartupMemoryTrim
{
    /// <summary>How long a problem (a broker down, a registrar not answering) may hold the trim back.</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(30);

    private const double Mib = 1024 * 1024;

    /// <summary>Waits for start-up to settle, then trims; returns early, untrimmed, when the agent stops first.</summary>
    public static async Task RunWhenSettledAsync(IServiceProvider services, ILogger logger, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (RuntimeFeature.IsDynamicCodeCompiled)
        {
            // Measured: 60.6 -> 61.2 MiB. A JIT-compiled agent shares its runtime's files with every other .NET process
            // (a shared page stays resident) and keeps compiling after start, so the collection and the page-out
            // would cost a pause for nothing.
            Log.MemoryTrimNotApplicable(logger);
            return;
        }

        var status = services.GetRequiredService<StatusReport>();
        var calls = services.GetRequiredService<CallManager>();
        Settled settled;
        try
        {
            settled = await StartupSettling.WaitAsync(
                status.Problems, () => calls.Activity == DeviceActivity.Idle, services.GetRequiredService<TimeProvider>(), SettleLimit, stopping)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        Run(logger, settled);
    }

    private static void Run(ILogger logger, Settled settled)
    {
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
        string when = settled.Problem is { } unhealthy
            ? $"not healthy after {settled.Waited.TotalSeconds:F0} s ({unhealthy}), trimmed anyway"
            : $"healthy and idle {settled.Waited.TotalSeconds:F1} s after start";
        Log.MemoryTrimmed(logger, before.Resident / Mib, after.Resident / Mib, after.Anonymous / Mib, after.FileBacked / Mib, pagedOut.Mappings, when);
    }
}

using System.Diagnostics;
using System.Globalization;
using SharpFuzz;

namespace CallSync.Sip.Fuzz;

/// <summary>
/// Fuzzes the SIP codec. Two modes:
/// <c>--afl</c>: the SharpFuzz out-of-process entry for afl-fuzz (the codec DLL instrumented with the sharpfuzz tool);
/// default: a bounded in-process mutation fuzzer over a seed corpus (<c>--seconds N --corpus DIR [--seed S] [--findings DIR]</c>).
/// Exit code 0 when nothing was found, 1 when a crash, invariant failure or hang was found, 2 on bad arguments.
/// </summary>
internal static class Program
{
    // An input taking longer than this on one core is treated as a hang (a ~64 KiB message parses in well under 1 ms).
    private static readonly TimeSpan HangThreshold = TimeSpan.FromSeconds(2);

    private static int Main(string[] args)
    {
        if (args.Contains("--afl"))
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var ms = new MemoryStream();
                stream.CopyTo(ms);
                FuzzTarget.Run(ms.ToArray(), 1);
            });
            return 0;
        }

        var seconds = 60;
        var seed = Environment.TickCount;
        string? corpusDir = null;
        var findings = Path.Combine(Path.GetTempPath(), "callsync-sip-fuzz-findings");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out seconds):
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out seed):
                    i++;
                    break;
                case "--corpus" when i + 1 < args.Length:
                    corpusDir = args[++i];
                    break;
                case "--findings" when i + 1 < args.Length:
                    findings = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("usage: [--afl] | [--seconds N] [--corpus DIR] [--seed S] [--findings DIR]");
                    return 2;
            }
        }

        corpusDir ??= Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "CallSync.Sip.Syntax.Tests", "Torture");
        if (!Directory.Exists(corpusDir))
        {
            Console.Error.WriteLine($"corpus folder not found: {corpusDir}");
            return 2;
        }

        var corpus = Directory.GetFiles(corpusDir).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(File.ReadAllBytes).ToList();
        if (corpus.Count == 0)
        {
            Console.Error.WriteLine($"corpus folder is empty: {corpusDir}");
            return 2;
        }

        return RunInProcess(corpus, TimeSpan.FromSeconds(seconds), seed, findings);
    }

    private static int RunInProcess(List<byte[]> corpus, TimeSpan duration, int seed, string findings)
    {
        Console.WriteLine($"fuzzing SIP codec in process: {corpus.Count} seeds, {duration.TotalSeconds:F0} s, seed {seed}");
        var mutator = new Mutator(corpus, seed);
        var total = Stopwatch.StartNew();
        var one = new Stopwatch();
        long executions = 0;

        // Seeds first, unmodified, then mutations until the time is up.
        var queue = new Queue<byte[]>(corpus);
        while (total.Elapsed < duration)
        {
            var input = queue.Count > 0 ? queue.Dequeue() : mutator.Next();
            one.Restart();
            try
            {
                FuzzTarget.Run(input, (int)executions);
            }
            catch (Exception ex)
            {
                Report(findings, input, ex.ToString());
                return 1;
            }

            executions++;
            if (one.Elapsed > HangThreshold)
            {
                Report(findings, input, $"hang: one input took {one.Elapsed.TotalMilliseconds:F0} ms");
                return 1;
            }
        }

        Console.WriteLine($"done: {executions} executions, {executions / total.Elapsed.TotalSeconds:F0}/s, no crash, no hang");
        return 0;
    }

    private static void Report(string folder, byte[] input, string what)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "crash-" + TimeProvider.System.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + ".sip");
        File.WriteAllBytes(path, input);
        Console.Error.WriteLine($"FOUND: {what}");
        Console.Error.WriteLine($"input saved to {path}");
    }
}

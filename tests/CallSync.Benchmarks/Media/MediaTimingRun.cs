using System.Diagnostics;
using System.Globalization;
using System.Net;
using CallSync.Hal.Timing;
using CallSync.Media.Session;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Benchmarks.Media;

/// <summary>
/// Not a BenchmarkDotNet suite: a timing measurement. Two sessions on 127.0.0.1 (A sends a 1 kHz PCMU tone at 20 ms to
/// B), each driven by its own clock, for N seconds; prints A's send-interval distribution and the holes in what B
/// played, both after a 1 s warm-up (JIT, socket buffers). Run it on an idle machine and under <c>stress-ng --cpu 2</c>:
/// <c>dotnet run -c Release --project tests/CallSync.Benchmarks -- media-timing [seconds] [frameclock,frameclock-normal,threadpool]</c>.
/// </summary>
internal static class MediaTimingRun
{
    private const int Rate = 16000;
    private const int Samples = Rate / 50;

    public static void Run(string[] args)
    {
        int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        string[] clocks = args.Length > 1 ? args[1].Split(',') : ["frameclock", "frameclock-normal", "threadpool"];
        foreach (string clock in clocks)
        {
            Console.WriteLine(Measure(clock, seconds));
        }
    }

    private static string Measure(string clock, int seconds)
    {
        int periods = seconds * 50;
        int basePort = 40000 + (2 * Random.Shared.Next(0, 5000));
        RtpMediaSession Create() => new(
            new RtpMediaSessionOptions { LocalAddress = IPAddress.Loopback, PortRangeStart = basePort, PortRangeEnd = basePort + 999 },
            Rate, TimeProvider.System, NullLogger<RtpMediaSession>.Instance);
        RtpMediaSession a = Create();
        RtpMediaSession b = Create();
        var pcmu = new MediaCodecChoice(AudioCodec.Pcmu, 0, null);
        a.Start(new IPEndPoint(IPAddress.Loopback, b.LocalPort), pcmu, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), pcmu, MediaDirection.SendReceive);
        var sendTimes = new long[periods + 200];
        var played = new short[(periods + 200) * Samples];
        var micA = new short[Samples];
        var outA = new short[Samples];
        var micB = new short[Samples];
        int sent = 0;
        int heard = 0;
        long phase = 0;
        using var done = new ManualResetEventSlim();
        IDisposable clockA = Start(clock, () =>
        {
            for (int i = 0; i < Samples; i++, phase++)
            {
                micA[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * phase / Rate));
            }

            if (sent < sendTimes.Length)
            {
                sendTimes[sent++] = Stopwatch.GetTimestamp();
            }

            a.OnFrame(micA, outA);
        });
        IDisposable clockB = Start(clock, () =>
        {
            if (heard < periods)
            {
                b.OnFrame(micB, played.AsSpan(heard++ * Samples, Samples));
            }
            else
            {
                done.Set();
            }
        });
        done.Wait();
        clockB.Dispose();
        clockA.Dispose();
        MediaStatistics stats = b.GetStatistics();
        a.StopAsync().GetAwaiter().GetResult();
        b.StopAsync().GetAwaiter().GetResult();

        const int WarmUp = 50;
        double[] intervals = Enumerable.Range(WarmUp + 1, Math.Min(sent, periods) - WarmUp - 1)
            .Select(i => Stopwatch.GetElapsedTime(sendTimes[i - 1], sendTimes[i]).TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => intervals[(int)Math.Min(intervals.Length - 1, p * intervals.Length)];
        (int holes, int longest) = Holes(played, periods, WarmUp);
        return string.Create(CultureInfo.InvariantCulture,
            $"{clock,-18} {seconds} s: send interval p50 {Percentile(0.5):F2} p99 {Percentile(0.99):F2} max {intervals[^1]:F1} ms, "
            + $"<5 ms {100.0 * intervals.Count(i => i < 5) / intervals.Length:F1} %, >35 ms {100.0 * intervals.Count(i => i > 35) / intervals.Length:F1} %; "
            + $"playout holes {holes} periods (longest run {longest}), concealed {stats.ConcealedFrames}, late {stats.LatePackets}, "
            + $"discarded {stats.DiscardedPackets}, MOS {stats.Mos:F2}");
    }

    private static IDisposable Start(string clock, Action tick) => clock switch
    {
        "frameclock" => FrameClock.Start(_ => tick(), TimeProvider.System),
        "frameclock-normal" => FrameClock.Start(_ => tick(), TimeProvider.System, new FrameClockOptions { RealTimePriority = 0 }),
        "threadpool" => new ThreadPoolClock(tick),
        _ => throw new ArgumentException("frameclock, frameclock-normal or threadpool", nameof(clock)),
    };

    /// <summary>Periods (from the first that plays the tone after <paramref name="from"/>) where a 5 ms stretch falls below 60 % of the tone's RMS.</summary>
    private static (int Holes, int Longest) Holes(short[] played, int periods, int from)
    {
        int first = from;
        while (first < periods && !played.AsSpan(first * Samples, Samples).ContainsAnyExcept((short)0))
        {
            first++;
        }

        int holes = 0;
        int run = 0;
        int longest = 0;
        for (int p = first + 1; p < periods; p++)
        {
            bool hole = false;
            for (int q = 0; q < 4 && !hole; q++)
            {
                ReadOnlySpan<short> part = played.AsSpan((p * Samples) + (q * Samples / 4), Samples / 4);
                double sum = 0;
                foreach (short s in part)
                {
                    sum += (double)s * s;
                }

                hole = Math.Sqrt(sum / part.Length) < 0.6 * 8000 / Math.Sqrt(2);
            }

            holes += hole ? 1 : 0;
            run = hole ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return (holes, longest);
    }

    /// <summary>The clock the agent used before the frame clock: a 20 ms thread-pool timer delivering the periods due (at most 10 owed).</summary>
    private sealed class ThreadPoolClock : IDisposable
    {
        private readonly Action _tick;
        private readonly Timer _timer;
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly Lock _gate = new();
        private long _delivered;
        private bool _stopped;

        public ThreadPoolClock(Action tick)
        {
            _tick = tick;
            _timer = new Timer(_ => Tick(), null, 20, 20);
        }

        public void Dispose()
        {
            _timer.Dispose();
            lock (_gate)
            {
                _stopped = true;
            }
        }

        private void Tick()
        {
            lock (_gate)
            {
                long due = (long)(Stopwatch.GetElapsedTime(_start).TotalMilliseconds / 20);
                _delivered = Math.Max(_delivered, due - 10);
                while (!_stopped && _delivered < due)
                {
                    _tick();
                    _delivered++;
                }
            }
        }
    }
}

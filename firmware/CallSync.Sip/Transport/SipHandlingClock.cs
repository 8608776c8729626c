using System.Diagnostics;

namespace CallSync.Sip.Transport;

/// <summary>
/// Measures, lock-free, how long each received message keeps the thread that received it (the UDP receive thread,
/// or a TCP connection's): everything above the parser, the transaction and the user agent included. A message
/// answered late here is a retransmission at the peer; the figure is in the status and the benchmarks.
/// </summary>
internal sealed class SipHandlingClock
{
    // Log2 buckets of microseconds: bucket b counts times below 2^b us (the last holds everything longer).
    private const int Buckets = 32;
    private readonly long[] _counts = new long[Buckets];
    private long _messages;
    private long _slowestTicks;

    public void Record(long startTimestamp)
    {
        var ticks = Stopwatch.GetTimestamp() - startTimestamp;
        var micros = ticks * 1_000_000 / Stopwatch.Frequency;
        var bucket = Math.Min(Buckets - 1, micros <= 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)micros));
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _messages);
        long slowest;
        while (ticks > (slowest = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, ticks, slowest) != slowest)
        {
        }
    }

    public SipHandlingTimes Snapshot()
    {
        var messages = Interlocked.Read(ref _messages);
        var rank = (long)Math.Ceiling(messages * 0.99);
        long seen = 0;
        var p99 = TimeSpan.Zero;
        for (var b = 0; b < Buckets && messages > 0; b++)
        {
            seen += Interlocked.Read(ref _counts[b]);
            if (seen >= rank)
            {
                p99 = TimeSpan.FromMicroseconds(1L << b);
                break;
            }
        }

        return new SipHandlingTimes(messages, p99, Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _slowestTicks)));
    }
}

using CallSync.Media.Session;

namespace CallSync.Media.Send;

/// <summary>
/// How much audio each packet we send carries: the peer's <c>a=ptime</c> (20 ms when absent), never above its
/// <c>a=maxptime</c>, within what the codec allows. G.711 and G.722 take any whole millisecond count from 10 to
/// 120 (a maxptime below 10 is honoured down to 5); Opus takes the longest of its frame durations (2.5, 5, 10,
/// 20, 40, 60, 80, 100, 120 ms) that fits.
/// </summary>
internal static class PacketTimePolicy
{
    private static readonly TimeSpan Default = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan[] OpusDurations =
    [
        TimeSpan.FromMilliseconds(120), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(80),
        TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(20),
        TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(2.5),
    ];

    public static TimeSpan Choose(MediaCodecChoice choice)
    {
        TimeSpan requested = choice.PacketTime is { } p && p > TimeSpan.Zero ? p : Default;
        TimeSpan limit = choice.MaxPacketTime is { } m && m > TimeSpan.Zero ? m : TimeSpan.MaxValue;
        TimeSpan wanted = requested < limit ? requested : limit;
        if (choice.Codec == AudioCodec.Opus)
        {
            foreach (TimeSpan d in OpusDurations)
            {
                if (d <= wanted)
                {
                    return d;
                }
            }

            return OpusDurations[^1];
        }

        double ms = Math.Floor(wanted.TotalMilliseconds);
        double floor = Math.Min(10, Math.Max(5, Math.Floor(limit.TotalMilliseconds)));
        return TimeSpan.FromMilliseconds(Math.Clamp(ms, floor, 120));
    }
}

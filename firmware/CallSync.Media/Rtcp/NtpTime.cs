namespace CallSync.Media.Rtcp;

/// <summary>Conversions between wall-clock time and the 64-bit NTP format RTCP uses (RFC 3550 section 4).</summary>
public static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The 64-bit NTP timestamp of <paramref name="time"/>.</summary>
    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        long ticks = (time - Epoch).Ticks;
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong remainder = (ulong)(ticks % TimeSpan.TicksPerSecond);
        ulong fraction = (remainder << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits (16.16 fixed point seconds), as LSR and DLSR use.</summary>
    public static uint Middle(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>A 16.16 fixed-point duration as a <see cref="TimeSpan"/>.</summary>
    public static TimeSpan FromShort(uint units) => TimeSpan.FromTicks((long)units * TimeSpan.TicksPerSecond / 65536);

    /// <summary>A duration as 16.16 fixed-point seconds (saturating).</summary>
    public static uint ToShort(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return 0;
        }

        long units = duration.Ticks * 65536 / TimeSpan.TicksPerSecond;
        return units > uint.MaxValue ? uint.MaxValue : (uint)units;
    }
}

using CallSync.Media.Dtmf;

namespace CallSync.Media.Tests.Session;

public sealed class DtmfTests
{
    [Fact]
    public void TryNextPacket_OneDigit_MarkerFirstThenThreeEndPackets()
    {
        var sender = new DtmfSender();
        Assert.True(sender.Enqueue('#'));
        var packets = new List<(TelephoneEvent Event, uint Ts, bool Marker)>();
        uint ts = 1000;
        while (sender.TryNextPacket(ts, 160, 800, out TelephoneEvent ev, out uint evTs, out bool marker))
        {
            packets.Add((ev, evTs, marker));
            ts += 160;
        }

        Assert.Equal(7, packets.Count); // durations 160..640, then 800 sent three times with E set
        Assert.True(packets[0].Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Marker));
        Assert.All(packets, p => Assert.Equal(1000u, p.Ts));
        Assert.All(packets, p => Assert.Equal(11, p.Event.Event));
        Assert.Equal(3, packets.Count(p => p.Event.End));
        Assert.Equal(800, packets[^1].Event.Duration);
        Assert.False(sender.IsActive);
    }

    [Fact]
    public void Accept_RepeatedPacketsOfTwoEvents_ReportsEachDigitOnceWithOffsetAndDuration()
    {
        var receiver = new DtmfReceiver();
        var buffer = new byte[4];
        var digits = new List<DtmfDigit>();
        (uint Ts, byte Code, bool End, ushort Duration, int AtMs)[] packets =
        [
            (100, 1, false, 160, 20), (100, 1, false, 320, 40), (100, 1, true, 800, 100), (100, 1, true, 800, 101), (100, 1, true, 800, 102),
            (9000, 10, false, 160, 1020), (9000, 10, true, 480, 1060), (9000, 10, true, 480, 1061),
        ];
        foreach ((uint ts, byte code, bool end, ushort duration, int at) in packets)
        {
            new TelephoneEvent { Event = code, End = end, Duration = duration }.TryWrite(buffer);
            Assert.True(receiver.Accept(ts, buffer, 8000, TimeSpan.FromMilliseconds(at)));
            while (receiver.TryTake(out DtmfDigit d))
            {
                digits.Add(d);
            }
        }

        Assert.Equal(['1', '*'], digits.Select(d => d.Digit));
        Assert.Equal(TimeSpan.FromMilliseconds(20), digits[0].Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(100), digits[0].Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(1020), digits[1].Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(60), digits[1].Duration);
    }

    [Fact]
    public void Accept_EndPacketsLost_DigitReportedWhenTheNextStartsOrOnFlush()
    {
        var receiver = new DtmfReceiver();
        var buffer = new byte[4];
        new TelephoneEvent { Event = 5, Duration = 400 }.TryWrite(buffer);
        receiver.Accept(1000, buffer, 8000, TimeSpan.FromSeconds(1));
        Assert.False(receiver.TryTake(out _));

        new TelephoneEvent { Event = 6, Duration = 160 }.TryWrite(buffer);
        receiver.Accept(5000, buffer, 8000, TimeSpan.FromSeconds(2));
        Assert.True(receiver.TryTake(out DtmfDigit five));
        Assert.Equal(('5', TimeSpan.FromMilliseconds(50)), (five.Digit, five.Duration));

        receiver.Flush();
        Assert.True(receiver.TryTake(out DtmfDigit six));
        Assert.Equal(('6', TimeSpan.FromSeconds(2)), (six.Digit, six.Offset));
        Assert.False(receiver.TryTake(out _));
    }

    [Fact]
    public void Accept_LongEventInSegments_OneDigitWithTheWholeDuration()
    {
        // RFC 4733 2.5.1.3: past 0xFFFF units the event goes on in a new segment whose timestamp follows on.
        var receiver = new DtmfReceiver();
        var buffer = new byte[4];
        new TelephoneEvent { Event = 0, Duration = 0xFFFF }.TryWrite(buffer);
        receiver.Accept(1000, buffer, 8000, TimeSpan.Zero);
        new TelephoneEvent { Event = 0, Duration = 800, End = true }.TryWrite(buffer);
        receiver.Accept(1000 + 0xFFFF, buffer, 8000, TimeSpan.FromSeconds(8));

        Assert.True(receiver.TryTake(out DtmfDigit digit));
        Assert.Equal(TimeSpan.FromTicks((0xFFFF + 800) * TimeSpan.TicksPerSecond / 8000), digit.Duration);
        Assert.False(receiver.TryTake(out _));
    }

    [Fact]
    public void TryParse_Truncated_ReturnsFalse()
    {
        Assert.False(TelephoneEvent.TryParse([1, 2, 3], out _));
        Assert.False(new DtmfReceiver().Accept(1, [200, 0, 0, 0], 8000, TimeSpan.Zero));
    }
}

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
    public void TryAccept_RepeatedPacketsOfTwoEvents_ReportsEachDigitOnce()
    {
        var receiver = new DtmfReceiver();
        var buffer = new byte[4];
        var digits = new List<char>();
        foreach ((uint ts, byte code, bool end) in new[] { (100u, (byte)1, false), (100u, (byte)1, false), (100u, (byte)1, true), (100u, (byte)1, true), (900u, (byte)10, false), (900u, (byte)10, true) })
        {
            new TelephoneEvent { Event = code, End = end, Duration = 160 }.TryWrite(buffer);
            if (receiver.TryAccept(ts, buffer, out char digit))
            {
                digits.Add(digit);
            }
        }

        Assert.Equal(['1', '*'], digits);
    }

    [Fact]
    public void TryParse_Truncated_ReturnsFalse()
    {
        Assert.False(TelephoneEvent.TryParse([1, 2, 3], out _));
        Assert.False(new DtmfReceiver().TryAccept(1, [200, 0, 0, 0], out _));
    }
}

using System.Net;
using System.Net.Sockets;
using CallSync.Testing.Ports;

namespace CallSync.Testing.Tests.Support;

public sealed class FreePortTests
{
    [Fact]
    public void UdpRange_TwentyPorts_EvenBaseBelowTheEphemeralRangeAndAllBindable()
    {
        var start = FreePort.UdpRange(20);

        Assert.Equal(0, start % 2);
        Assert.InRange(start + 19, 20000, 32767);
        var sockets = Enumerable.Range(start, 20).Select(port =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }).ToList();
        sockets.ForEach(s => s.Dispose());
    }

    [Fact]
    public void UdpRange_MoreRangesThanTheRangeHolds_EachFreeAndNeighboursDoNotOverlap()
    {
        var starts = Enumerable.Range(0, 100).Select(_ => FreePort.UdpRange(400)).ToList(); // 40,000 ports from 12,000

        Assert.All(starts, start => Assert.InRange(start, 20000, 32000 - 400));
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.True(Math.Abs(pair.First - pair.Second) >= 400, $"{pair.First} and {pair.Second} overlap"));
    }

    [Fact]
    public void TcpAndUdp_ManyCalls_NeverTheSamePortTwice()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.TcpAndUdp()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.False(Listening.OnUdp(port), $"port {port} is held"));
    }

    [Fact]
    public void Udp_Ipv6Loopback_BindableThere()
    {
        var port = FreePort.Udp(IPAddress.IPv6Loopback);

        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
        Assert.True(Listening.OnUdp(port, IPAddress.IPv6Loopback));
    }
}

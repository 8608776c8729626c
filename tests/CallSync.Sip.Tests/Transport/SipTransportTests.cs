using System.Net;
using System.Net.Sockets;
using System.Text;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;

namespace CallSync.Sip.Tests.Transport;

public sealed class SipTransportTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static string Options(int port, string branch = "z9hG4bKt1") =>
        "OPTIONS sip:ua@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch={branch};rport\r\n" +
        "Max-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=a\r\nTo: <sip:ua@127.0.0.1>\r\n" +
        "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public void TryParse_Endpoints_ParsesUdpTcpTlsAndRejectsGarbage()
    {
        Assert.True(SipListenEndPoint.TryParse("udp:127.0.0.1:5060", out var udp, out _));
        Assert.Equal(SipTransportKind.Udp, udp!.Transport);
        Assert.Equal(5060, udp.EndPoint.Port);
        Assert.True(SipListenEndPoint.TryParse("tcp:[::1]:0", out var tcp, out _));
        Assert.Equal(IPAddress.IPv6Loopback, tcp!.EndPoint.Address);
        Assert.True(SipListenEndPoint.TryParse("TLS:0.0.0.0:5061", out var tls, out _));
        Assert.Equal(SipTransportKind.Tls, tls!.Transport);
        Assert.Equal("tls:0.0.0.0:5061", tls.ToString());
        Assert.False(SipListenEndPoint.TryParse("sctp:127.0.0.1:5061", out _, out var e1));
        Assert.Equal("'sctp:127.0.0.1:5061': expected udp:ADDRESS:PORT, tcp:ADDRESS:PORT or tls:ADDRESS:PORT", e1);
        Assert.False(SipListenEndPoint.TryParse("udp:localhost:5060", out _, out _));
        Assert.False(SipListenEndPoint.TryParse("udp:127.0.0.1:99999", out _, out _));
    }

    [Fact]
    public async Task Udp_RequestWithRport_StampsViaAndTargetsSourcePort()
    {
        Assert.True(SipListenEndPoint.TryParse("udp:127.0.0.1:0", out var ep, out _));
        await using var transport = new SipTransport([ep!]);
        var received = new TaskCompletionSource<(SipMessage, SipTarget)>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.MessageReceived += (m, t) => received.TrySetResult((m, t));
        transport.Start();
        var port = transport.GetLocalEndPoint(SipTransportKind.Udp)!.Port;
        Assert.NotEqual(0, port);

        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
        // Claim a different sent-by port than the real source so rport matters.
        await client.SendAsync(Encoding.ASCII.GetBytes(Options(1)), new IPEndPoint(IPAddress.Loopback, port));
        var (message, target) = await received.Task.WaitAsync(Timeout);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(clientPort, request.TopVia!.RPort);
        Assert.Equal(clientPort, target.EndPoint.Port);

        transport.Send(SipResponseBuilder.CreateFor(request, 200).Build(), target);
        var reply = await client.ReceiveAsync().WaitAsync(Timeout);
        Assert.StartsWith("SIP/2.0 200 OK\r\n", Encoding.ASCII.GetString(reply.Buffer), StringComparison.Ordinal);
        Assert.Contains($"rport={clientPort}", Encoding.ASCII.GetString(reply.Buffer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_HandlerThrowsThenDisposed_KeepsServingAndFreesThePort()
    {
        Assert.True(SipListenEndPoint.TryParse("udp:127.0.0.1:0", out var ep, out _));
        var transport = new SipTransport([ep!]);
        var received = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        transport.MessageReceived += (m, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("handler bug");
            }

            received.TrySetResult(m);
        };
        transport.Start();
        var server = new IPEndPoint(IPAddress.Loopback, transport.GetLocalEndPoint(SipTransportKind.Udp)!.Port);
        using (var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(Options(1, "z9hG4bKa")), server);
            await client.SendAsync(Encoding.ASCII.GetBytes(Options(1, "z9hG4bKb")), server);
            Assert.Equal("z9hG4bKb", Assert.IsType<SipRequest>(await received.Task.WaitAsync(Timeout)).TopVia!.Branch);
        }

        // The receive thread blocks in the kernel; disposing must wake it and release the port.
        await transport.DisposeAsync().AsTask().WaitAsync(Timeout);
        using var rebound = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rebound.Bind(server);
    }

    [Fact]
    public async Task Udp_GarbageThenMalformedRequest_DropsJunkAnswers400AndKeepsServing()
    {
        Assert.True(SipListenEndPoint.TryParse("udp:127.0.0.1:0", out var ep, out _));
        await using var transport = new SipTransport([ep!]);
        var received = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.MessageReceived += (m, _) => received.TrySetResult(m);
        transport.Start();
        var server = new IPEndPoint(IPAddress.Loopback, transport.GetLocalEndPoint(SipTransportKind.Udp)!.Port);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var junk = new byte[random.Next(1, 1400)];
            random.NextBytes(junk);
            await client.SendAsync(junk, server);
        }

        // A request whose CSeq is broken: framed, answerable with 400.
        var bad = Options(clientPort).Replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS", StringComparison.Ordinal);
        await client.SendAsync(Encoding.ASCII.GetBytes(bad), server);
        var reply = await client.ReceiveAsync().WaitAsync(Timeout);
        Assert.StartsWith("SIP/2.0 400 ", Encoding.ASCII.GetString(reply.Buffer), StringComparison.Ordinal);

        await client.SendAsync(Encoding.ASCII.GetBytes(Options(clientPort)), server);
        var ok = await received.Task.WaitAsync(Timeout);
        Assert.Equal(SipMethod.Options, Assert.IsType<SipRequest>(ok).Method);
    }

    [Fact]
    public async Task Tcp_MessagesSplitAndCoalesced_AreFramedAndAnsweredOnSameConnection()
    {
        Assert.True(SipListenEndPoint.TryParse("tcp:127.0.0.1:0", out var ep, out _));
        await using var transport = new SipTransport([ep!]);
        var messages = new List<SipRequest>();
        var two = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.MessageReceived += (m, t) =>
        {
            lock (messages)
            {
                messages.Add((SipRequest)m);
                transport.Send(SipResponseBuilder.CreateFor((SipRequest)m, 200).Build(), t);
                if (messages.Count == 2)
                {
                    two.TrySetResult();
                }
            }
        };
        transport.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, transport.GetLocalEndPoint(SipTransportKind.Tcp)!.Port);
        var stream = client.GetStream();
        var first = Encoding.ASCII.GetBytes(Options(1, "z9hG4bKa").Replace("UDP", "TCP", StringComparison.Ordinal));
        var second = Encoding.ASCII.GetBytes(Options(1, "z9hG4bKb").Replace("UDP", "TCP", StringComparison.Ordinal));
        await stream.WriteAsync(first.AsMemory(0, 37));
        await stream.FlushAsync();
        await stream.WriteAsync(first.AsMemory(37).ToArray().Concat(second).ToArray());
        await two.Task.WaitAsync(Timeout);
        Assert.Equal(["z9hG4bKa", "z9hG4bKb"], messages.Select(m => m.TopVia!.Branch));

        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (CountOf(text.ToString(), "SIP/2.0 200 OK") < 2)
        {
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout);
            Assert.NotEqual(0, n);
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

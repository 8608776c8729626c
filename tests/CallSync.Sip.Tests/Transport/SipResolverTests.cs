using System.Net;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Resolution;
using CallSync.Sip.UserAgent;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Sip.Tests.Transport;

public sealed class SipResolverTests
{
    [Fact]
    public async Task ResolveAsync_NumericHost_NeedsNoDns()
    {
        var resolver = new SipResolver(new DnsClient([], TimeSpan.FromSeconds(1), TimeProvider.System));

        var target = await resolver.ResolveAsync("192.0.2.7", null, SipTransportKind.Udp, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5060), target!.EndPoint);
    }

    [Fact]
    public void Order_SamePriority_WeightDecidesShareAndLowerPriorityAlwaysFirst()
    {
        var resolver = new SipResolver(null, new Random(11));
        SrvRecord[] records = [new(20, 0, 1, "backup"), new(10, 75, 1, "big"), new(10, 25, 1, "small")];

        int bigFirst = 0;
        for (int i = 0; i < 2000; i++)
        {
            var order = resolver.Order(records).Select(r => r.Target).ToArray();
            Assert.Equal("backup", order[2]);
            bigFirst += order[0] == "big" ? 1 : 0;
        }

        // 75 % expected; the bound is wide enough never to fail by chance with a fixed seed, narrow enough to catch a bug.
        Assert.InRange(bigFirst, 1350, 1650);
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task ResolveAsync_SrvAtDnsmasq_PicksHighestPriorityTargetAndPort()
    {
        using var dns = Dnsmasq.Start(
            "--srv-host=_sip._udp.pbx.callsync.test,a.pbx.callsync.test,5070,10,100",
            "--srv-host=_sip._udp.pbx.callsync.test,b.pbx.callsync.test,5080,20,100",
            "--srv-host=_sip._tcp.pbx.callsync.test,b.pbx.callsync.test,5081,10,100",
            "--host-record=a.pbx.callsync.test,127.0.0.2",
            "--host-record=b.pbx.callsync.test,127.0.0.3",
            "--host-record=plain.callsync.test,127.0.0.4");
        var resolver = new SipResolver(new DnsClient([dns.EndPoint], TimeSpan.FromSeconds(2), TimeProvider.System));

        var udp = await resolver.ResolveAsync("pbx.callsync.test", null, SipTransportKind.Udp, CancellationToken.None);
        var tcp = await resolver.ResolveAsync("pbx.callsync.test", null, SipTransportKind.Tcp, CancellationToken.None);
        var explicitPort = await resolver.ResolveAsync("a.pbx.callsync.test", 5999, SipTransportKind.Udp, CancellationToken.None);
        var noSrv = await resolver.ResolveAsync("plain.callsync.test", null, SipTransportKind.Udp, CancellationToken.None);
        var unknown = await resolver.ResolveAsync("nowhere.callsync.test", null, SipTransportKind.Udp, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5070), udp!.EndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 5081), tcp!.EndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5999), explicitPort!.EndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 5060), noSrv!.EndPoint);
        Assert.Null(unknown);
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task ResolveAsync_TlsWithSrvAtDnsmasq_AsksSipsTcpAndKeepsTheDomainAsServerName()
    {
        using var dns = Dnsmasq.Start(
            "--srv-host=_sip._tcp.pbx.callsync.test,b.pbx.callsync.test,5060,10,100",
            "--srv-host=_sips._tcp.pbx.callsync.test,tls.pbx.callsync.test,5071,10,100",
            "--host-record=b.pbx.callsync.test,127.0.0.3",
            "--host-record=tls.pbx.callsync.test,127.0.0.5",
            "--host-record=plain.callsync.test,127.0.0.4");
        var resolver = new SipResolver(new DnsClient([dns.EndPoint], TimeSpan.FromSeconds(2), TimeProvider.System));

        var tls = await resolver.ResolveAsync("pbx.callsync.test", null, SipTransportKind.Tls, CancellationToken.None);
        var noSrv = await resolver.ResolveAsync("plain.callsync.test", null, SipTransportKind.Tls, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.5"), 5071), tls!.EndPoint);
        Assert.Equal(SipTransportKind.Tls, tls.Transport);
        // The certificate must be for the domain asked for, not for the SRV target (RFC 5922 section 4).
        Assert.Equal("pbx.callsync.test", tls.ServerName);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 5061), noSrv!.EndPoint);
        Assert.Equal("plain.callsync.test", noSrv.ServerName);
    }

    [Fact]
    public async Task ResolveAsync_NumericHostOverTls_Port5061AndTheAddressAsServerName()
    {
        var resolver = new SipResolver(null);

        var target = await resolver.ResolveAsync("192.0.2.7", null, SipTransportKind.Tls, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5061), target!.EndPoint);
        Assert.Equal("192.0.2.7", target.ServerName);
        Assert.Equal("_sips._tcp.", SipResolver.ServicePrefix(SipTransportKind.Tls));
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task PlaceCall_DomainWithSrvOnly_CallReachesTheSrvTarget()
    {
        using var dir = new TempDirectory("callsync-srv-call-");
        using var sipp = SippProcess.Start(new SippOptions { WorkingDirectory = dir.Path, Scenario = "uas", Arguments = ["-timeout", "30s", "-timeout_error"] });
        using var dns = Dnsmasq.Start(
            $"--srv-host=_sip._udp.pbx.callsync.test,sipp.callsync.test,{sipp.Port},10,100",
            "--host-record=sipp.callsync.test,127.0.0.1");
        var media = new TestMediaFactory();
        await using var ua = media.Attach(new SipUserAgent(
            new SipUserAgentOptions { User = "1001", ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")], DnsServers = [dns.EndPoint] }));
        await ua.StartAsync();
        await Task.Delay(300); // sipp binds its socket

        // No port and no address in the URI: only the SRV record says where the PBX is.
        var call = media.PlaceCall(ua, "sip:service@pbx.callsync.test");
        await Eventually.UntilAsync(() => call.State is SipCallState.Answered or SipCallState.Ended, TimeSpan.FromSeconds(15), "the call to be answered or to end");

        Assert.Equal(SipCallState.Answered, call.State);
        await call.HangUpAsync();
        Assert.Equal(SipCallResult.Answered, (await call.Completion.WaitAsync(TimeSpan.FromSeconds(15))).Result);
        Assert.Equal(0, await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task QueryAsync_ServerSilent_GivesUpAfterTheTimeout()
    {
        // A bound UDP socket that never answers stands in for a dead name server.
        using var silent = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new DnsClient([(IPEndPoint)silent.Client.LocalEndPoint!], TimeSpan.FromMilliseconds(300), TimeProvider.System);

        Assert.Null(await client.QueryAsync("pbx.callsync.test", DnsRecordType.A, CancellationToken.None));
    }

    /// <summary>dnsmasq answering only from its command line, on a free loopback port.</summary>
    private sealed class Dnsmasq : IDisposable
    {
        private readonly ChildProcess _process;

        private Dnsmasq(ChildProcess process, int port)
        {
            _process = process;
            EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        }

        public IPEndPoint EndPoint { get; }

        public static Dnsmasq Start(params string[] records)
        {
            int port = FreePort.Udp();
            var process = ChildProcess.Start("dnsmasq", [
                "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=", "--user=root", "--bind-interfaces",
                "--listen-address=127.0.0.1", $"--port={port}", "--log-facility=-", .. records]);
            var dns = new Dnsmasq(process, port);
            dns.WaitUntilAnswering();
            return dns;
        }

        public void Dispose() => _process.Dispose();

        private void WaitUntilAnswering()
        {
            var client = new DnsClient([EndPoint], TimeSpan.FromMilliseconds(200), TimeProvider.System);
            for (int i = 0; i < 50; i++)
            {
                if (client.QueryAsync("probe.callsync.test", DnsRecordType.A, CancellationToken.None).GetAwaiter().GetResult() is not null)
                {
                    return;
                }
            }

            throw new InvalidOperationException("dnsmasq did not answer: " + _process.Describe());
        }
    }
}

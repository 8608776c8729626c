using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.Interop;

[Trait("Category", "Interop")]
public sealed class SippTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-sipp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SipUserAgentOptions Options() => new()
    {
        User = "1001",
        ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
        MaxCalls = 30,
    };

    [Fact]
    public async Task SippUac_TwentyCallsToAutoAnsweringUa_AllSucceed()
    {
        Assert.True(PeerProcess.IsInstalled("sipp"), "sipp (Debian sip-tester) is required");
        var media = new TestMediaFactory();
        await using var ua = media.Attach(new SipUserAgent(Options()), autoAnswer: true);
        var outcomes = new List<SipCallOutcome>();
        ua.CallEvent += e =>
        {
            if (e is SipCallEnded { Outcome: var o })
            {
                lock (outcomes)
                {
                    outcomes.Add(o);
                }
            }
        };
        await ua.StartAsync();
        var port = ua.LocalEndPoints[0].EndPoint.Port;
        var sippPort = PeerProcess.FreeUdpPort();
        using var sipp = new PeerProcess("sipp",
            $"-sn uac 127.0.0.1:{port} -s 1001 -i 127.0.0.1 -p {sippPort} -m 20 -l 5 -r 10 -d 300 -nostdin -timeout 60s -timeout_error -trace_stat -stf stat.csv",
            _dir);
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Output}");
        await WaitUntilAsync(() => outcomes.Count >= 20);
        lock (outcomes)
        {
            Assert.Equal(20, outcomes.Count);
            Assert.All(outcomes, o =>
            {
                Assert.Equal(SipCallResult.Answered, o.Result);
                Assert.Equal(SipCallParty.Remote, o.EndedBy);
                Assert.Equal(SipCallDirection.Incoming, o.Direction);
                Assert.NotNull(o.AnsweredAt);
                Assert.True(o.EndedAt >= o.AnsweredAt);
            });
        }

        var started = media.Created.Values.SelectMany(m => m.Started).ToList();
        Assert.Equal(20, started.Count);
        Assert.All(started, m => Assert.Equal("PCMU", m.CodecName));
    }

    [Fact]
    public async Task SippUas_TwentyCallsFromUa_AllAnsweredAndHungUp()
    {
        Assert.True(PeerProcess.IsInstalled("sipp"), "sipp (Debian sip-tester) is required");
        var media = new TestMediaFactory();
        await using var ua = media.Attach(new SipUserAgent(Options()));
        await ua.StartAsync();
        var sippPort = PeerProcess.FreeUdpPort();
        using var sipp = new PeerProcess("sipp", $"-sn uas -i 127.0.0.1 -p {sippPort} -m 20 -nostdin -timeout 90s -timeout_error", _dir);
        await Task.Delay(300); // sipp binds its socket
        for (var i = 0; i < 20; i++)
        {
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ua.CallEvent += OnState;
            var call = media.PlaceCall(ua, $"sip:service@127.0.0.1:{sippPort}");
            if (call.State == SipCallState.Answered || call.State == SipCallState.Ended)
            {
                answered.TrySetResult();
            }

            await answered.Task.WaitAsync(TimeSpan.FromSeconds(15));
            ua.CallEvent -= OnState;
            Assert.Equal(SipCallState.Answered, call.State);
            await call.HangUpAsync();
            var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(SipCallResult.Answered, outcome.Result);
            Assert.Equal(SipCallParty.Local, outcome.EndedBy);
            Assert.Equal(200, outcome.StatusCode);

            void OnState(SipCallEvent e)
            {
                if (e.Call.State is SipCallState.Answered or SipCallState.Ended)
                {
                    answered.TrySetResult();
                }
            }
        }

        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Output}");
    }

    [Fact]
    public async Task SippUac_CallsDuringGarbageFlood_AllSucceedAndUaKeepsServing()
    {
        Assert.True(PeerProcess.IsInstalled("sipp"), "sipp (Debian sip-tester) is required");
        await using var ua = new TestMediaFactory().Attach(new SipUserAgent(Options()), autoAnswer: true);
        await ua.StartAsync();
        var target = ua.LocalEndPoints[0].EndPoint;
        using var stopFlood = new CancellationTokenSource();
        var sent = 0;
        var flood = Task.Run(async () =>
        {
            using var junk = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            var random = new Random(42);
            var valid = System.Text.Encoding.ASCII.GetBytes(
                "INVITE sip:1001@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKjunk\r\nFrom: <sip:j@x>;tag=1\r\n" +
                "To: <sip:1001@127.0.0.1>\r\nCall-ID: junk\r\nCSeq: 1 INVITE\r\nContent-Length: 500\r\n\r\nv=0");
            while (!stopFlood.IsCancellationRequested)
            {
                byte[] datagram;
                switch (random.Next(3))
                {
                    case 0:
                        datagram = new byte[random.Next(1, 1500)];
                        random.NextBytes(datagram);
                        break;
                    case 1:
                        datagram = valid[..random.Next(1, valid.Length)]; // truncated
                        break;
                    default:
                        datagram = (byte[])valid.Clone();
                        datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
                        break;
                }

                await junk.SendAsync(datagram, target);
                sent++;
                await Task.Delay(2);
            }
        });
        var sippPort = PeerProcess.FreeUdpPort();
        using var sipp = new PeerProcess("sipp",
            $"-sn uac 127.0.0.1:{target.Port} -s 1001 -i 127.0.0.1 -p {sippPort} -m 5 -l 2 -d 500 -nostdin -timeout 60s -timeout_error",
            _dir);
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(90));
        await stopFlood.CancelAsync();
        await flood;
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Output}");
        Assert.True(sent > 100, $"only {sent} junk datagrams were sent");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}

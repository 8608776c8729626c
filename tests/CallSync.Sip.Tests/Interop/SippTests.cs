using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Waiting;

namespace CallSync.Sip.Tests.Interop;

[Trait("Category", "Interop")]
public sealed class SippTests : IDisposable
{
    private readonly TempDirectory _dir = new("callsync-sipp-");

    public void Dispose() => _dir.Dispose();

    private static SipUserAgentOptions Options() => new()
    {
        User = "1001",
        ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
        MaxCalls = 30,
    };

    [Fact]
    public async Task SippUac_TwentyCallsToAutoAnsweringUa_AllSucceed()
    {
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
        using var sipp = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = _dir.Path,
            Scenario = "uac",
            Target = $"127.0.0.1:{port}",
            Calls = 20,
            TraceStatistics = true,
            Arguments = ["-s", "1001", "-l", "5", "-r", "10", "-d", "300", "-timeout", "60s", "-timeout_error"],
        });
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Describe()}");
        await Eventually.UntilAsync(() => outcomes.Count >= 20, TimeSpan.FromSeconds(20), () => $"20 call outcomes ({outcomes.Count})");
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
        var media = new TestMediaFactory();
        await using var ua = media.Attach(new SipUserAgent(Options()));
        await ua.StartAsync();
        using var sipp = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = _dir.Path,
            Scenario = "uas",
            Calls = 20,
            Arguments = ["-timeout", "90s", "-timeout_error"],
        });
        var sippPort = sipp.Port;
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
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Describe()}");
    }

    [Fact]
    public async Task SippUac_CallsDuringGarbageFlood_AllSucceedAndUaKeepsServing()
    {
        await using var ua = new TestMediaFactory().Attach(new SipUserAgent(Options()), autoAnswer: true);
        await ua.StartAsync();
        var target = ua.LocalEndPoints[0].EndPoint;
        using var stopFlood = new CancellationTokenSource();
        var sent = 0;
        // A thread of its own sending bursts: the flood's rate must not depend on how soon a loaded machine's
        // thread pool or timer wakes a delayed task (CI once sent 42 datagrams in the whole run that way).
        var flood = Task.Factory.StartNew(() =>
        {
            using var junk = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            var random = new Random(42);
            var valid = System.Text.Encoding.ASCII.GetBytes(
                "INVITE sip:1001@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKjunk\r\nFrom: <sip:j@x>;tag=1\r\n" +
                "To: <sip:1001@127.0.0.1>\r\nCall-ID: junk\r\nCSeq: 1 INVITE\r\nContent-Length: 500\r\n\r\nv=0");
            while (!stopFlood.IsCancellationRequested)
            {
                for (var burst = 0; burst < 8; burst++)
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

                    junk.Send(datagram, datagram.Length, target);
                    Interlocked.Increment(ref sent);
                }

                Thread.Sleep(2);
            }
        }, TaskCreationOptions.LongRunning);

        // The calls start only once the flood is under way, so every call meets it.
        for (var i = 0; i < 1000 && Volatile.Read(ref sent) < 200; i++)
        {
            await Task.Delay(10);
        }

        var sentBeforeCalls = Volatile.Read(ref sent);
        Assert.True(sentBeforeCalls >= 200, $"the flood did not start: {sentBeforeCalls} datagrams in 10 s");
        using var sipp = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = _dir.Path,
            Scenario = "uac",
            Target = $"127.0.0.1:{target.Port}",
            Calls = 5,
            Arguments = ["-s", "1001", "-l", "2", "-d", "500", "-timeout", "60s", "-timeout_error"],
        });
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(90));
        var sentDuringCalls = Volatile.Read(ref sent) - sentBeforeCalls;
        await stopFlood.CancelAsync();
        await flood;
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Describe()}");
        Assert.True(sentDuringCalls > 100, $"only {sentDuringCalls} junk datagrams were sent while the calls ran");
    }
}

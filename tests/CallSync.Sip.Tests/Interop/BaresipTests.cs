using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.Interop;

/// <summary>baresip (headless: aufile source, aubridge player) calling and called by the user agent, with RTP both ways.</summary>
[Trait("Category", "Interop")]
public sealed class BaresipTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-baresip-").FullName;
    private readonly int _sipPort = PeerProcess.FreeUdpPort();
    private readonly int _ctrlPort = PeerProcess.FreeTcpPort();
    private PeerProcess? _baresip;

    public void Dispose()
    {
        _baresip?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Real RTP for each call of the user agent: media made per call, started on each negotiation, stopped at the end.</summary>
    private sealed class Factory : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, RtpTestMedia> _byCall = new();

        public ConcurrentBag<RtpTestMedia> Created { get; } = [];

        public SipUserAgent Attach(SipUserAgent ua, bool autoAnswer)
        {
            ua.CallEvent += e =>
            {
                switch (e)
                {
                    case SipCallIncoming when autoAnswer:
                        e.Call.Answer(For(e.Call.CallId).LocalMedia);
                        break;
                    case SipCallMediaChanged changed:
                        For(e.Call.CallId).Start(changed.Media);
                        break;
                    case SipCallEnded:
                        For(e.Call.CallId).Stop();
                        break;
                }
            };
            return ua;
        }

        public SipCall Place(SipUserAgent ua, string destination)
        {
            var media = new RtpTestMedia();
            Created.Add(media);
            Assert.True(ua.TryPlaceCall(destination, media.LocalMedia, out var call, out var reason), reason);
            _byCall[call.CallId] = media;
            return call;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var media in Created)
            {
                await media.DisposeAsync();
            }
        }

        private RtpTestMedia For(string callId) => _byCall.GetOrAdd(callId, _ =>
        {
            var media = new RtpTestMedia();
            Created.Add(media);
            return media;
        });
    }

    private async Task StartBaresipAsync()
    {
        Assert.True(PeerProcess.IsInstalled("baresip"), "baresip is required");
        Assert.True(PeerProcess.IsInstalled("sox"), "sox is required to make the test tone");
        var wav = Path.Combine(_dir, "tone.wav");
        using (var sox = new PeerProcess("sox", $"-n -r 8000 -c 1 -b 16 {wav} synth 30 sine 440", _dir))
        {
            Assert.Equal(0, await sox.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        }

        File.WriteAllText(Path.Combine(_dir, "config"),
            "module_path /usr/lib/baresip/modules\n" +
            $"sip_listen 127.0.0.1:{_sipPort}\n" +
            $"audio_source aufile,{wav}\naudio_player aubridge,nil\naudio_alert aubridge,nil\n" +
            "module g711.so\nmodule aufile.so\nmodule aubridge.so\nmodule account.so\nmodule menu.so\nmodule ctrl_tcp.so\n" +
            $"ctrl_tcp_listen 127.0.0.1:{_ctrlPort}\n");
        File.WriteAllText(Path.Combine(_dir, "accounts"), "<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU,PCMA\n");
        File.WriteAllText(Path.Combine(_dir, "contacts"), string.Empty);
        _baresip = new PeerProcess("baresip", $"-f {_dir}", _dir);
        await WaitUntilAsync(() => _baresip.Output.Contains("baresip is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
    }

    private async Task SendCommandAsync(string command, string parameters)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", _ctrlPort);
        var json = $"{{\"command\":\"{command}\",\"params\":\"{parameters}\",\"token\":\"t\"}}";
        var netstring = $"{Encoding.UTF8.GetByteCount(json)}:{json},";
        await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(netstring));
        var buffer = new byte[512];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        _ = await tcp.GetStream().ReadAsync(buffer, cts.Token); // the reply: the command was taken
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    private static SipUserAgentOptions Options() => new()
    {
        User = "1001",
        ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
    };

    [Fact]
    public async Task Call_ToBaresip_AnsweredWithRtpBothWays()
    {
        await StartBaresipAsync();
        await using var factory = new Factory();
        await using var ua = factory.Attach(new SipUserAgent(Options()), autoAnswer: false);
        await ua.StartAsync();
        var call = factory.Place(ua, $"sip:bob@127.0.0.1:{_sipPort}");
        await WaitUntilAsync(() => call.State is SipCallState.Answered or SipCallState.Ended, TimeSpan.FromSeconds(15));
        Assert.Equal(SipCallState.Answered, call.State);
        Assert.Equal("PCMU", call.Media!.CodecName);
        var media = Assert.Single(factory.Created);
        await WaitUntilAsync(() => media.Received >= 20 && media.Sent >= 20, TimeSpan.FromSeconds(15));
        await call.HangUpAsync();
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(SipCallParty.Local, outcome.EndedBy);
    }

    [Fact]
    public async Task Call_FromBaresip_AutoAnsweredWithRtpBothWays()
    {
        await StartBaresipAsync();
        await using var factory = new Factory();
        await using var ua = factory.Attach(new SipUserAgent(Options()), autoAnswer: true);
        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.OnIncoming(c => incoming.TrySetResult(c));
        await ua.StartAsync();
        await SendCommandAsync("dial", $"sip:1001@127.0.0.1:{ua.LocalEndPoints[0].EndPoint.Port}");
        var call = await incoming.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await WaitUntilAsync(() => call.State is SipCallState.Answered or SipCallState.Ended, TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallState.Answered, call.State);
        var media = Assert.Single(factory.Created);
        await WaitUntilAsync(() => media.Received >= 20 && media.Sent >= 20, TimeSpan.FromSeconds(15));
        await call.HangUpAsync();
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(SipCallDirection.Incoming, outcome.Direction);
        Assert.Equal("bob", outcome.RemoteNumber);
    }
}

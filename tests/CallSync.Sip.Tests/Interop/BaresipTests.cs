using System.Collections.Concurrent;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Baresip;
using CallSync.Testing.Waiting;

namespace CallSync.Sip.Tests.Interop;

/// <summary>baresip (headless: aufile source, aubridge player) calling and called by the user agent, with RTP both ways.</summary>
[Trait("Category", "Interop")]
public sealed class BaresipTests : IDisposable
{
    private readonly TempDirectory _dir = new("callsync-baresip-");
    private BaresipProcess? _baresip;

    public void Dispose()
    {
        _baresip?.Dispose();
        _dir.Dispose();
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

    private async Task<BaresipProcess> StartBaresipAsync()
    {
        var wav = _dir.File("tone.wav");
        WavFile.Write(wav, 8000, Signals.Tone(440, 8000, TimeSpan.FromSeconds(30), amplitude: 8000));
        _baresip = await BaresipProcess.StartAsync(new BaresipOptions { AudioSource = wav });
        return _baresip;
    }

    private static SipUserAgentOptions Options() => new()
    {
        User = "1001",
        ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
    };

    [Fact]
    public async Task Call_ToBaresip_AnsweredWithRtpBothWays()
    {
        var baresip = await StartBaresipAsync();
        await using var factory = new Factory();
        await using var ua = factory.Attach(new SipUserAgent(Options()), autoAnswer: false);
        await ua.StartAsync();
        var call = factory.Place(ua, baresip.Uri);
        await Eventually.UntilAsync(() => call.State is SipCallState.Answered or SipCallState.Ended, TimeSpan.FromSeconds(15), "the call to be answered or to end");
        Assert.Equal(SipCallState.Answered, call.State);
        Assert.Equal("PCMU", call.Media!.CodecName);
        var media = Assert.Single(factory.Created);
        await Eventually.UntilAsync(() => media.Received >= 20 && media.Sent >= 20, TimeSpan.FromSeconds(15), () => $"20 RTP packets each way ({media.Sent} sent, {media.Received} received)");
        await call.HangUpAsync();
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(SipCallParty.Local, outcome.EndedBy);
    }

    [Fact]
    public async Task Call_FromBaresip_AutoAnsweredWithRtpBothWays()
    {
        var baresip = await StartBaresipAsync();
        await using var factory = new Factory();
        await using var ua = factory.Attach(new SipUserAgent(Options()), autoAnswer: true);
        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.OnIncoming(c => incoming.TrySetResult(c));
        await ua.StartAsync();
        await baresip.SendCommandAsync("dial", $"sip:1001@127.0.0.1:{ua.LocalEndPoints[0].EndPoint.Port}");
        var call = await incoming.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Eventually.UntilAsync(() => call.State is SipCallState.Answered or SipCallState.Ended, TimeSpan.FromSeconds(10), "the call to be answered or to end");
        Assert.Equal(SipCallState.Answered, call.State);
        var media = Assert.Single(factory.Created);
        await Eventually.UntilAsync(() => media.Received >= 20 && media.Sent >= 20, TimeSpan.FromSeconds(15), () => $"20 RTP packets each way ({media.Sent} sent, {media.Received} received)");
        await call.HangUpAsync();
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(SipCallDirection.Incoming, outcome.Direction);
        Assert.Equal("bob", outcome.RemoteNumber);
    }
}

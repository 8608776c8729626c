using System.Collections.Concurrent;
using CallSync.Sdp;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.Fakes;

/// <summary>
/// Plays the phone's part for a user agent under test: gives each call its media (a fixed address and port),
/// records every negotiation result per call, answers incoming calls when told to, and notes each call's end.
/// </summary>
public sealed class TestMediaFactory(string address = "127.0.0.1", int port = 40000)
{
    public ConcurrentDictionary<string, TestCallMedia> Created { get; } = new();

    /// <summary>The media description every call of this side uses.</summary>
    public SdpLocalMedia LocalMedia { get; } = new()
    {
        Address = address,
        Port = port,
        Codecs = [SdpCodec.Opus, SdpCodec.Pcmu, SdpCodec.Pcma],
    };

    /// <summary>Follows <paramref name="ua"/>'s calls; with <paramref name="autoAnswer"/> answers each incoming call at once.</summary>
    public SipUserAgent Attach(SipUserAgent ua, bool autoAnswer = false)
    {
        ArgumentNullException.ThrowIfNull(ua);
        ua.CallEvent += e =>
        {
            var media = Created.GetOrAdd(e.Call.CallId, _ => new TestCallMedia(LocalMedia));
            switch (e)
            {
                case SipCallIncoming when autoAnswer:
                    e.Call.Answer(media.LocalMedia);
                    break;
                case SipCallMediaChanged changed:
                    media.Start(changed.Media);
                    break;
                case SipCallEnded:
                    media.Stop();
                    break;
            }
        };
        return ua;
    }

    /// <summary>Answers <paramref name="call"/> with this side's media.</summary>
    public bool Answer(SipCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Answer(Created.GetOrAdd(call.CallId, _ => new TestCallMedia(LocalMedia)).LocalMedia);
    }

    /// <summary>Places a call with this side's media; fails the test when the destination is refused.</summary>
    public SipCall PlaceCall(SipUserAgent ua, string destination)
    {
        ArgumentNullException.ThrowIfNull(ua);
        Assert.True(ua.TryPlaceCall(destination, LocalMedia, out var call, out var reason), reason);
        Created.TryAdd(call.CallId, new TestCallMedia(LocalMedia));
        return call;
    }
}

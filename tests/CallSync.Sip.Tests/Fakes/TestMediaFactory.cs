using System.Collections.Concurrent;
using CallSync.Sdp;
using CallSync.Sip.Media;

namespace CallSync.Sip.Tests.Fakes;

/// <summary>Creates <see cref="NullCallMedia"/> per call and keeps them for assertions.</summary>
public sealed class TestMediaFactory(string address = "127.0.0.1", int port = 40000) : ICallMediaFactory
{
    public ConcurrentDictionary<string, NullCallMedia> Created { get; } = new();

    public ICallMedia Create(string callId)
    {
        var media = new NullCallMedia(new SdpLocalMedia
        {
            Address = address,
            Port = port,
            Codecs = [SdpCodec.Opus, SdpCodec.Pcmu, SdpCodec.Pcma],
        });
        Created[callId] = media;
        return media;
    }
}

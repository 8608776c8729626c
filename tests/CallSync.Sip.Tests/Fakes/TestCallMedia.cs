using CallSync.Sdp;

namespace CallSync.Sip.Tests.Fakes;

/// <summary>One call's media in the SIP tests: this side's description, and every negotiation result the call reported.</summary>
public sealed class TestCallMedia(SdpLocalMedia localMedia)
{
    private readonly List<SdpNegotiatedMedia> _started = [];

    public SdpLocalMedia LocalMedia { get; } = localMedia;

    /// <summary>Every negotiation result, in order.</summary>
    public IReadOnlyList<SdpNegotiatedMedia> Started
    {
        get
        {
            lock (_started)
            {
                return [.. _started];
            }
        }
    }

    /// <summary>True once the call ended.</summary>
    public bool Stopped { get; private set; }

    public void Start(SdpNegotiatedMedia media)
    {
        lock (_started)
        {
            _started.Add(media);
        }
    }

    public void Stop() => Stopped = true;
}

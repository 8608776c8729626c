using CallSync.Sdp;

namespace CallSync.Sip.Media;

/// <summary>
/// The media of one call, implemented by the composition root with the media library: it owns the local
/// RTP port, states what it can do, and follows every negotiation result.
/// </summary>
public interface ICallMedia : IAsyncDisposable
{
    /// <summary>The local capabilities for offers and answers: address, RTP port, codecs in preference order, ptime.</summary>
    SdpLocalMedia LocalMedia { get; }

    /// <summary>Starts or re-targets the stream after each offer/answer (also hold and resume: see <see cref="SdpNegotiatedMedia.Direction"/>).</summary>
    void Start(SdpNegotiatedMedia media);

    /// <summary>Stops sending and receiving; the call ended.</summary>
    void Stop();
}

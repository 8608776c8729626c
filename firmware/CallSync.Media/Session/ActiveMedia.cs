using System.Net;
using CallSync.Media.Codecs;

namespace CallSync.Media.Session;

/// <summary>The negotiated state a session runs with; replaced whole on every update.</summary>
internal sealed class ActiveMedia : IDisposable
{
    private ActiveMedia(IPEndPoint remote, MediaCodecChoice choice, MediaDirection direction, IVoiceEncoder encoder, IVoiceDecoder decoder)
    {
        Remote = remote;
        Choice = choice;
        Direction = direction;
        Encoder = encoder;
        Decoder = decoder;
    }

    public IPEndPoint Remote { get; }

    public MediaCodecChoice Choice { get; }

    public MediaDirection Direction { get; }

    public IVoiceEncoder Encoder { get; }

    public IVoiceDecoder Decoder { get; }

    /// <summary>RTP timestamp units per 20 ms frame.</summary>
    public int TimestampStep => Choice.ClockRate / 50;

    public bool Sends => Direction is MediaDirection.SendReceive or MediaDirection.SendOnly;

    public bool Receives => Direction is MediaDirection.SendReceive or MediaDirection.ReceiveOnly;

    public static ActiveMedia Create(IPEndPoint remote, MediaCodecChoice choice, MediaDirection direction, int deviceRate, RtpMediaSessionOptions options)
    {
        IVoiceEncoder encoder;
        IVoiceDecoder decoder;
        switch (choice.Codec)
        {
            case AudioCodec.Opus:
                encoder = new OpusVoiceEncoder(deviceRate, options.OpusBitrate, options.OpusExpectedLossPercent);
                decoder = new OpusVoiceDecoder(deviceRate);
                break;
            case AudioCodec.Pcma:
                encoder = new G711Encoder(aLaw: true);
                decoder = new G711Decoder(aLaw: true);
                break;
            default:
                encoder = new G711Encoder(aLaw: false);
                decoder = new G711Decoder(aLaw: false);
                break;
        }

        return new ActiveMedia(remote, choice, direction, encoder, decoder);
    }

    /// <summary>Same codec objects, new remote/direction/telephone-event.</summary>
    public ActiveMedia With(IPEndPoint remote, MediaCodecChoice choice, MediaDirection direction) =>
        new(remote, choice, direction, Encoder, Decoder);

    public void Dispose()
    {
        Encoder.Dispose();
        Decoder.Dispose();
    }
}

using System.Net;
using CallSync.Media.Codecs;
using CallSync.Media.Send;

namespace CallSync.Media.Session;

/// <summary>The negotiated state a session runs with; replaced whole on every update.</summary>
internal sealed class ActiveMedia : IDisposable
{
    /// <summary>Opus is decoded at 16 kHz whatever the device: wideband calls are recorded at 16 kHz.</summary>
    private const int OpusDecodeRate = 16000;

    private ActiveMedia(IPEndPoint remote, MediaCodecChoice choice, MediaDirection direction, IVoiceEncoder encoder, IVoiceDecoder decoder)
    {
        Remote = remote;
        Choice = choice;
        Direction = direction;
        Encoder = encoder;
        Decoder = decoder;
        PacketTime = PacketTimePolicy.Choose(choice);
    }

    public IPEndPoint Remote { get; }

    public MediaCodecChoice Choice { get; }

    public MediaDirection Direction { get; }

    public IVoiceEncoder Encoder { get; }

    public IVoiceDecoder Decoder { get; }

    /// <summary>Audio per packet we send.</summary>
    public TimeSpan PacketTime { get; }

    /// <summary>Opus packets of 1-2 bytes (DTX silence) are not sent.</summary>
    public bool SkipDtxPackets => Choice.Codec == AudioCodec.Opus && Choice.Opus is { UseDtx: true };

    public bool Sends => Direction is MediaDirection.SendReceive or MediaDirection.SendOnly;

    public bool Receives => Direction is MediaDirection.SendReceive or MediaDirection.ReceiveOnly;

    /// <exception cref="NotSupportedException">The codec is not built into this library.</exception>
    public static ActiveMedia Create(IPEndPoint remote, MediaCodecChoice choice, MediaDirection direction, int deviceRate, RtpMediaSessionOptions options)
    {
        IVoiceEncoder encoder;
        IVoiceDecoder decoder;
        switch (choice.Codec)
        {
            case AudioCodec.Opus:
                var opus = new OpusVoiceEncoder(deviceRate, options.OpusBitrate, options.OpusExpectedLossPercent);
                encoder = opus;
                decoder = new OpusVoiceDecoder(OpusDecodeRate);
                ApplyOpusParameters(opus, choice.Opus, options);
                break;
            case AudioCodec.Pcma:
                encoder = new G711Encoder(aLaw: true);
                decoder = new G711Decoder(aLaw: true);
                break;
            case AudioCodec.Pcmu:
                encoder = new G711Encoder(aLaw: false);
                decoder = new G711Decoder(aLaw: false);
                break;
            case AudioCodec.G722:
                encoder = new G722Encoder();
                decoder = new G722Decoder();
                break;
            default:
                throw new NotSupportedException($"No {choice.Codec} encoder and decoder are built into this media library.");
        }

        return new ActiveMedia(remote, choice, direction, encoder, decoder);
    }

    /// <summary>Same codec objects, new remote/direction/packet time/fmtp/telephone-event.</summary>
    public ActiveMedia With(IPEndPoint remote, MediaCodecChoice choice, MediaDirection direction, RtpMediaSessionOptions options)
    {
        if (Encoder is OpusVoiceEncoder opus && choice.Opus != Choice.Opus)
        {
            ApplyOpusParameters(opus, choice.Opus, options);
        }

        return new ActiveMedia(remote, choice, direction, Encoder, Decoder);
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Decoder.Dispose();
    }

    /// <summary>
    /// What the peer asked for in its fmtp (RFC 7587 6.1). Null: nothing known about the peer, our defaults stay
    /// (FEC per <see cref="RtpMediaSessionOptions.OpusExpectedLossPercent"/>). Absent fields take the RFC defaults.
    /// </summary>
    private static void ApplyOpusParameters(OpusVoiceEncoder encoder, OpusParameters? peer, RtpMediaSessionOptions options)
    {
        if (peer is null)
        {
            return;
        }

        encoder.SetBitrate(Math.Min(options.OpusBitrate, peer.MaxAverageBitrate ?? int.MaxValue));
        encoder.SetMaxPlaybackRate(peer.MaxPlaybackRate ?? 48000);
        encoder.SetInbandFec(peer.UseInbandFec == true && options.OpusExpectedLossPercent > 0);
        encoder.SetDiscontinuousTransmission(peer.UseDtx);
        encoder.SetConstantBitrate(peer.ConstantBitrate);
    }
}

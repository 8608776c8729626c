using CallSync.Testing.Codecs;

namespace CallSync.Testing.Rtp;

/// <summary>An RTP audio payload format as a test sends it: its SDP name, payload type, RTP clock and sample rate.</summary>
/// <param name="EncodingName">The rtpmap encoding name ("PCMU", "G722", "opus").</param>
/// <param name="PayloadType">The payload type the stream and the offer use.</param>
/// <param name="ClockRate">The RTP timestamp clock (8000 for G.722 too: RFC 3551).</param>
/// <param name="SampleRate">The audio's sample rate (16000 for G.722, 48000 for Opus).</param>
/// <param name="Channels">The rtpmap channel count (Opus is always written /2, RFC 7587).</param>
public sealed record RtpCodec(string EncodingName, int PayloadType, int ClockRate, int SampleRate, int Channels)
{
    public static readonly RtpCodec Pcmu = new("PCMU", 0, 8000, 8000, 1);
    public static readonly RtpCodec Pcma = new("PCMA", 8, 8000, 8000, 1);
    public static readonly RtpCodec G722 = new("G722", 9, 8000, 16000, 1);
    public static readonly RtpCodec Opus = new("opus", 111, 48000, 48000, 2);

    /// <summary>RFC 3389 comfort noise, the static payload type 13.</summary>
    public const int ComfortNoisePayloadType = 13;

    /// <summary>The a=rtpmap value: "PCMU/8000", "opus/48000/2".</summary>
    public string RtpMap => Channels > 1 ? $"{EncodingName}/{ClockRate}/{Channels}" : $"{EncodingName}/{ClockRate}";

    /// <summary>An encoder for packets of <paramref name="packetTime"/>, split into <paramref name="framesPerPacket"/> frames (Opus only).</summary>
    public IPayloadEncoder CreateEncoder(TimeSpan packetTime, int framesPerPacket = 1)
    {
        var samples = (int)Math.Round(packetTime.TotalSeconds * SampleRate);
        return EncodingName switch
        {
            "PCMU" => new G711Encoder(aLaw: false, samples),
            "PCMA" => new G711Encoder(aLaw: true, samples),
            "G722" => new G722Encoder(samples),
            "opus" => new OpusPacketEncoder(packetTime / framesPerPacket, framesPerPacket),
            _ => throw new NotSupportedException("no encoder for " + EncodingName),
        };
    }
}

namespace CallSync.Media.Codecs;

/// <summary>
/// ITU-T G.722 as RTP carries it (RFC 3551 section 4.5.2): 16 kHz audio at 64 kbit/s, one byte per two
/// samples, static payload type 9, and an RTP clock of 8000 Hz (an error in RFC 1890 kept for compatibility),
/// so a 20 ms frame is 320 samples, 160 bytes and 160 timestamp units.
/// </summary>
public static class G722
{
    /// <summary>PCM samples per second into the encoder and out of the decoder.</summary>
    public const int SampleRate = 16000;

    /// <summary>RTP timestamp units per second, and the clock rate in SDP (<c>a=rtpmap:9 G722/8000</c>).</summary>
    public const int RtpClockRate = 8000;

    /// <summary>Static RTP payload type.</summary>
    public const byte PayloadType = 9;

    /// <summary>Payload bytes for <paramref name="samples"/> 16 kHz samples (also the RTP timestamp increment).</summary>
    public static int PayloadLength(int samples) => samples / 2;
}

using CallSync.Media.Interop.Opus;

namespace CallSync.Media.Codecs;

/// <summary>
/// Opus voice encoder (libopus, VOIP application, mono) for 20 ms RTP frames (RFC 7587). In-band FEC is
/// on by default and tuned by <see cref="SetExpectedPacketLoss"/>.
/// </summary>
public sealed class OpusVoiceEncoder : IVoiceEncoder
{
    private readonly OpusEncoderHandle _handle;

    /// <summary>Creates an encoder at 8, 12, 16, 24 or 48 kHz.</summary>
    /// <param name="sampleRate">Input PCM rate.</param>
    /// <param name="bitrate">Target bit rate in bit/s.</param>
    /// <param name="expectedLossPercent">Loss the FEC is sized for (0 disables in-band FEC).</param>
    /// <exception cref="OpusException">libopus rejected the parameters.</exception>
    public OpusVoiceEncoder(int sampleRate, int bitrate = 24000, int expectedLossPercent = 5)
    {
        SampleRate = sampleRate;
        _handle = OpusNative.CreateEncoder(sampleRate, 1, OpusNative.ApplicationVoip);
        OpusNative.EncoderCtl(_handle, OpusNative.SetBitrateRequest, bitrate);
        SetExpectedPacketLoss(expectedLossPercent);
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <summary>Sets OPUS_SET_PACKET_LOSS_PERC and turns in-band FEC on when it is above zero.</summary>
    public void SetExpectedPacketLoss(int percent)
    {
        int p = Math.Clamp(percent, 0, 100);
        OpusNative.EncoderCtl(_handle, OpusNative.SetInbandFecRequest, p > 0 ? 1 : 0);
        OpusNative.EncoderCtl(_handle, OpusNative.SetPacketLossPercentRequest, p);
    }

    /// <summary>Sets the complexity (0-10).</summary>
    public void SetComplexity(int complexity) =>
        OpusNative.EncoderCtl(_handle, OpusNative.SetComplexityRequest, Math.Clamp(complexity, 0, 10));

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> destination) =>
        OpusNative.Encode(_handle, pcm, pcm.Length, destination);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}

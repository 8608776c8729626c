using CallSync.Media.Interop.Opus;

namespace CallSync.Media.Codecs;

/// <summary>
/// Opus voice encoder (libopus, VOIP application, mono) for RTP (RFC 7587): each <see cref="Encode"/> makes one
/// packet of one frame, 2.5 to 120 ms. In-band FEC is on by default and tuned by <see cref="SetExpectedPacketLoss"/>;
/// the peer's fmtp is applied with <see cref="SetBitrate"/>, <see cref="SetMaxPlaybackRate"/>,
/// <see cref="SetInbandFec"/>, <see cref="SetDiscontinuousTransmission"/> and <see cref="SetConstantBitrate"/>.
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

    /// <summary>Turns in-band FEC on or off (the peer's <c>useinbandfec</c>), keeping the loss percentage.</summary>
    public void SetInbandFec(bool enabled) => OpusNative.EncoderCtl(_handle, OpusNative.SetInbandFecRequest, enabled ? 1 : 0);

    /// <summary>Sets the target bit rate in bit/s (clamped to libopus's 500-512000).</summary>
    public void SetBitrate(int bitsPerSecond) =>
        OpusNative.EncoderCtl(_handle, OpusNative.SetBitrateRequest, Math.Clamp(bitsPerSecond, 500, 512000));

    /// <summary>
    /// Limits the coded audio bandwidth to what a decoder playing at <paramref name="hertz"/> can use (the peer's
    /// <c>maxplaybackrate</c>, RFC 7587 section 6.1): 8000 narrowband, 12000 mediumband, 16000 wideband, 24000
    /// super-wideband, above fullband.
    /// </summary>
    public void SetMaxPlaybackRate(int hertz) => OpusNative.EncoderCtl(_handle, OpusNative.SetMaxBandwidthRequest, hertz switch
    {
        <= 8000 => OpusNative.BandwidthNarrowband,
        <= 12000 => OpusNative.BandwidthMediumband,
        <= 16000 => OpusNative.BandwidthWideband,
        <= 24000 => OpusNative.BandwidthSuperwideband,
        _ => OpusNative.BandwidthFullband,
    });

    /// <summary>Discontinuous transmission (the peer's <c>usedtx</c>): in silence libopus makes 1-2 byte packets, which are not sent.</summary>
    public void SetDiscontinuousTransmission(bool enabled) => OpusNative.EncoderCtl(_handle, OpusNative.SetDtxRequest, enabled ? 1 : 0);

    /// <summary>Constant bit rate (the peer's <c>cbr</c>) instead of the default variable rate.</summary>
    public void SetConstantBitrate(bool enabled) => OpusNative.EncoderCtl(_handle, OpusNative.SetVbrRequest, enabled ? 0 : 1);

    /// <summary>Reads an encoder setting back (OPUS_GET_* request), for tests and diagnostics.</summary>
    internal int Get(int request) => OpusNative.EncoderGet(_handle, request);

    /// <summary>Sets the complexity (0-10).</summary>
    public void SetComplexity(int complexity) =>
        OpusNative.EncoderCtl(_handle, OpusNative.SetComplexityRequest, Math.Clamp(complexity, 0, 10));

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> destination) =>
        OpusNative.Encode(_handle, pcm, pcm.Length, destination);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}

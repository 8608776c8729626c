using System.Globalization;
using CallSync.Testing.Interop;

namespace CallSync.Testing.Codecs;

/// <summary>
/// Opus packets through libopus at 48 kHz mono, CELT only (one mode throughout, so frames can be joined): any packet
/// duration RFC 6716 allows (2.5, 5, 10, 20 ms frames; 40 and 60 ms come out as two or three 20 ms frames), and
/// several encoded frames per packet joined by libopus's repacketizer (a code 1, 2 or 3 packet).
/// </summary>
public sealed class OpusPacketEncoder : IPayloadEncoder
{
    public const int SampleRate = 48000;
    private const int MaxPacketBytes = 4000;
    private static readonly int[] FrameSizes = [120, 240, 480, 960, 1920, 2880];
    private readonly NativeObject _encoder;
    private readonly NativeObject _repacketizer;
    private readonly int _frameSamples;
    private readonly int _frames;

    /// <param name="frameDuration">One Opus frame: 2.5, 5, 10, 20, 40 or 60 ms.</param>
    /// <param name="framesPerPacket">Frames per RTP payload (at most 120 ms in all).</param>
    public OpusPacketEncoder(TimeSpan frameDuration, int framesPerPacket = 1, int bitrate = 32000)
    {
        _frameSamples = (int)Math.Round(frameDuration.TotalSeconds * SampleRate);
        if (Array.IndexOf(FrameSizes, _frameSamples) < 0 || framesPerPacket < 1 || _frameSamples * framesPerPacket > 5760)
        {
            throw new ArgumentException(
                $"an Opus packet of {framesPerPacket} x {frameDuration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms is not allowed by RFC 6716");
        }

        _frames = framesPerPacket;
        _encoder = new NativeObject(LibOpus.EncoderCreate(SampleRate, 1, LibOpus.ApplicationRestrictedLowDelay, out var error), LibOpus.EncoderDestroy, "an Opus encoder (error " + error + ")");
        Check(LibOpus.EncoderCtl(_encoder, LibOpus.SetBitrateRequest, bitrate), "setting the bit rate");
        _repacketizer = new NativeObject(LibOpus.RepacketizerCreate(), LibOpus.RepacketizerDestroy, "an Opus repacketizer");
    }

    public int SamplesPerPacket => _frameSamples * _frames;

    public byte[] Encode(ReadOnlySpan<short> samples)
    {
        var frames = new byte[_frames][];
        Span<byte> buffer = stackalloc byte[MaxPacketBytes];
        for (var i = 0; i < _frames; i++)
        {
            var length = LibOpus.Encode(_encoder, samples.Slice(i * _frameSamples, _frameSamples), _frameSamples, buffer, MaxPacketBytes);
            Check(length, "opus_encode");
            frames[i] = buffer[..length].ToArray();
        }

        if (_frames == 1)
        {
            return frames[0];
        }

        LibOpus.RepacketizerInit(_repacketizer);
        foreach (var frame in frames)
        {
            Check(LibOpus.RepacketizerCat(_repacketizer, frame, frame.Length), "opus_repacketizer_cat");
        }

        var packet = LibOpus.RepacketizerOut(_repacketizer, buffer, MaxPacketBytes);
        Check(packet, "opus_repacketizer_out");
        return buffer[..packet].ToArray();
    }

    public void Dispose()
    {
        _repacketizer.Dispose();
        _encoder.Dispose();
    }

    private static void Check(int result, string what)
    {
        if (result < LibOpus.Ok)
        {
            throw new InvalidOperationException($"{what} failed with libopus error {result}");
        }
    }
}

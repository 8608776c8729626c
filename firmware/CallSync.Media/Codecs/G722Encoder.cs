using CallSync.Media.Interop.SpanDsp;

namespace CallSync.Media.Codecs;

/// <summary>
/// G.722 encoder (spandsp, 64 kbit/s, unpacked): 16 kHz mono PCM in, one byte per sample pair out. Any frame
/// length works (10-60 ms are 160-960 bytes); the state carries across frames, so framing does not change
/// the bytes.
/// </summary>
public sealed class G722Encoder : IVoiceEncoder
{
    private readonly G722EncoderHandle _handle;

    /// <summary>Creates the encoder.</summary>
    /// <exception cref="G722Exception">spandsp could not allocate its state.</exception>
    public G722Encoder() => _handle = G722Native.CreateEncoder();

    /// <inheritdoc />
    public int SampleRate => G722.SampleRate;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="pcm"/> has an odd length (G.722 codes sample pairs).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="destination"/> is shorter than half of <paramref name="pcm"/>.</exception>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        if ((pcm.Length & 1) != 0)
        {
            throw new ArgumentException($"G.722 codes sample pairs; got {pcm.Length} samples", nameof(pcm));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, G722.PayloadLength(pcm.Length), nameof(destination));
        return G722Native.Encode(_handle, pcm, destination);
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}

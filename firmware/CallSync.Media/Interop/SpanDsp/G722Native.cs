using CallSync.Media.Codecs;
using System.Runtime.InteropServices;

namespace CallSync.Media.Interop.SpanDsp;

/// <summary>
/// spandsp's G.722 codec (g722.h of 0.0.6): raw imports (private) and the checked wrappers the public codec
/// types call. A failed init (NULL) or a count the library should not return becomes one
/// <see cref="G722Exception"/>.
/// </summary>
internal static unsafe partial class G722Native
{
    /// <summary>The only bit rate RTP uses (RFC 3551 4.5.2); 56000 and 48000 exist for ISDN only.</summary>
    internal const int BitRate = 64000;

    /// <summary>
    /// Options 0: 16 kHz linear PCM (not G722_SAMPLE_RATE_8000) and one 8-bit code per byte (not G722_PACKED),
    /// which is the RTP payload format.
    /// </summary>
    private const int Options = 0;

    internal static G722EncoderHandle CreateEncoder()
    {
        G722EncoderHandle handle = g722_encode_init(0, BitRate, Options);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new G722Exception("g722_encode_init returned NULL");
        }

        return handle;
    }

    internal static G722DecoderHandle CreateDecoder()
    {
        G722DecoderHandle handle = g722_decode_init(0, BitRate, Options);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new G722Exception("g722_decode_init returned NULL");
        }

        return handle;
    }

    // release tears down the contents (nothing to do in 0.0.6), free returns the memory init allocated;
    // both return 0, and both run whatever release says (hence & rather than &&).
    internal static bool FreeEncoder(nint state) => (g722_encode_release(state) == 0) & (g722_encode_free(state) == 0);

    internal static bool FreeDecoder(nint state) => (g722_decode_release(state) == 0) & (g722_decode_free(state) == 0);

    /// <summary>
    /// Encodes an even number of 16 kHz samples into one byte per pair. The caller checks the sizes: spandsp
    /// reads samples in pairs and would read past an odd-length buffer.
    /// </summary>
    internal static int Encode(G722EncoderHandle encoder, ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        int expected = pcm.Length / 2;
        int result;
        fixed (short* p = pcm)
        fixed (byte* d = destination)
        {
            result = g722_encode(encoder, d, p, pcm.Length);
        }

        return result == expected ? result : throw new G722Exception($"g722_encode returned {result} bytes for {pcm.Length} samples");
    }

    /// <summary>Decodes every byte of <paramref name="data"/> into two 16 kHz samples; the caller sizes <paramref name="pcm"/>.</summary>
    internal static int Decode(G722DecoderHandle decoder, ReadOnlySpan<byte> data, Span<short> pcm)
    {
        int expected = data.Length * 2;
        int result;
        fixed (byte* d = data)
        fixed (short* p = pcm)
        {
            result = g722_decode(decoder, p, d, data.Length);
        }

        return result == expected ? result : throw new G722Exception($"g722_decode returned {result} samples for {data.Length} bytes");
    }

    [LibraryImport(Libraries.SpanDsp)]
    private static partial G722EncoderHandle g722_encode_init(nint state, int rate, int options);

    [LibraryImport(Libraries.SpanDsp)]
    private static partial int g722_encode_release(nint state);

    [LibraryImport(Libraries.SpanDsp)]
    private static partial int g722_encode_free(nint state);

    [LibraryImport(Libraries.SpanDsp)]
    private static partial int g722_encode(G722EncoderHandle state, byte* g722Data, short* amp, int len);

    [LibraryImport(Libraries.SpanDsp)]
    private static partial G722DecoderHandle g722_decode_init(nint state, int rate, int options);

    [LibraryImport(Libraries.SpanDsp)]
    private static partial int g722_decode_release(nint state);

    [LibraryImport(Libraries.SpanDsp)]
    private static partial int g722_decode_free(nint state);

    [LibraryImport(Libraries.SpanDsp)]
    private static partial int g722_decode(G722DecoderHandle state, short* amp, byte* g722Data, int len);
}

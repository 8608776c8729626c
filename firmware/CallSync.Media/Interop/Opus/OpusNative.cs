using CallSync.Media.Codecs;
using System.Runtime.InteropServices;

namespace CallSync.Media.Interop.Opus;

/// <summary>
/// libopus: raw imports (private) and the checked wrappers the public codec types call. Every negative
/// return code becomes one <see cref="OpusException"/>.
/// </summary>
internal static unsafe partial class OpusNative
{
    internal const int ApplicationVoip = 2048;
    internal const int SetBitrateRequest = 4002;
    internal const int SetComplexityRequest = 4010;
    internal const int SetInbandFecRequest = 4012;
    internal const int SetPacketLossPercentRequest = 4014;
    internal const int SetDtxRequest = 4016;

    internal static OpusEncoderHandle CreateEncoder(int sampleRate, int channels, int application)
    {
        OpusEncoderHandle handle = opus_encoder_create(sampleRate, channels, application, out int error);
        if (error != 0 || handle.IsInvalid)
        {
            handle.Dispose();
            throw new OpusException("opus_encoder_create", error);
        }

        return handle;
    }

    internal static OpusDecoderHandle CreateDecoder(int sampleRate, int channels)
    {
        OpusDecoderHandle handle = opus_decoder_create(sampleRate, channels, out int error);
        if (error != 0 || handle.IsInvalid)
        {
            handle.Dispose();
            throw new OpusException("opus_decoder_create", error);
        }

        return handle;
    }

    internal static void DestroyEncoder(nint encoder) => opus_encoder_destroy(encoder);

    internal static void DestroyDecoder(nint decoder) => opus_decoder_destroy(decoder);

    internal static void EncoderCtl(OpusEncoderHandle encoder, int request, int value)
    {
        int result = opus_encoder_ctl(encoder, request, value);
        if (result < 0)
        {
            throw new OpusException("opus_encoder_ctl", result);
        }
    }

    internal static int Encode(OpusEncoderHandle encoder, ReadOnlySpan<short> pcm, int frameSize, Span<byte> destination)
    {
        int result;
        fixed (short* p = pcm)
        fixed (byte* d = destination)
        {
            result = opus_encode(encoder, p, frameSize, d, destination.Length);
        }

        return result < 0 ? throw new OpusException("opus_encode", result) : result;
    }

    /// <summary>Decodes; an empty <paramref name="data"/> asks for packet loss concealment.</summary>
    internal static int Decode(OpusDecoderHandle decoder, ReadOnlySpan<byte> data, Span<short> pcm, int frameSize, bool fec)
    {
        int result;
        fixed (byte* d = data)
        fixed (short* p = pcm)
        {
            result = opus_decode(decoder, data.IsEmpty ? null : d, data.Length, p, frameSize, fec ? 1 : 0);
        }

        return result < 0 ? throw new OpusException("opus_decode", result) : result;
    }

    internal static string ErrorText(int code)
    {
        byte* text = opus_strerror(code);
        return text == null ? "unknown error" : Marshal.PtrToStringUTF8((nint)text) ?? "unknown error";
    }

    [LibraryImport(Libraries.Opus)]
    private static partial OpusEncoderHandle opus_encoder_create(int fs, int channels, int application, out int error);

    [LibraryImport(Libraries.Opus)]
    private static partial void opus_encoder_destroy(nint encoder);

    // opus_encoder_ctl is variadic; a fixed (int, int) signature matches the calling convention on Linux x64/arm64.
    [LibraryImport(Libraries.Opus)]
    private static partial int opus_encoder_ctl(OpusEncoderHandle encoder, int request, int value);

    [LibraryImport(Libraries.Opus)]
    private static partial int opus_encode(OpusEncoderHandle encoder, short* pcm, int frameSize, byte* data, int maxDataBytes);

    [LibraryImport(Libraries.Opus)]
    private static partial OpusDecoderHandle opus_decoder_create(int fs, int channels, out int error);

    [LibraryImport(Libraries.Opus)]
    private static partial void opus_decoder_destroy(nint decoder);

    [LibraryImport(Libraries.Opus)]
    private static partial int opus_decode(OpusDecoderHandle decoder, byte* data, int length, short* pcm, int frameSize, int decodeFec);

    [LibraryImport(Libraries.Opus)]
    private static partial byte* opus_strerror(int error);
}

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
    internal const int GetBitrateRequest = 4003;
    internal const int SetMaxBandwidthRequest = 4004;
    internal const int GetMaxBandwidthRequest = 4005;
    internal const int SetVbrRequest = 4006;
    internal const int GetVbrRequest = 4007;
    internal const int SetComplexityRequest = 4010;
    internal const int SetInbandFecRequest = 4012;
    internal const int GetInbandFecRequest = 4013;
    internal const int SetPacketLossPercentRequest = 4014;
    internal const int SetDtxRequest = 4016;
    internal const int GetDtxRequest = 4017;
    internal const int BandwidthNarrowband = 1101;
    internal const int BandwidthMediumband = 1102;
    internal const int BandwidthWideband = 1103;
    internal const int BandwidthSuperwideband = 1104;
    internal const int BandwidthFullband = 1105;

    /// <summary>RFC 6716: at most 48 frames per packet, at most 120 ms.</summary>
    internal const int MaxFramesPerPacket = 48;

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

    internal static int EncoderGet(OpusEncoderHandle encoder, int request)
    {
        int value;
        int result = opus_encoder_ctl(encoder, request, (nint)(&value));
        return result < 0 ? throw new OpusException("opus_encoder_ctl", result) : value;
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

    /// <summary>
    /// Checks a packet's structure as the decoder will (opus_packet_parse: TOC, frame count, frame lengths,
    /// padding) and returns its duration at 48 kHz and the duration of one of its frames; a negative libopus error
    /// code when it is malformed. Never throws.
    /// </summary>
    internal static int InspectPacket(ReadOnlySpan<byte> packet, out int samples48k, out int frameSamples48k)
    {
        samples48k = 0;
        frameSamples48k = 0;
        if (packet.IsEmpty)
        {
            return -4; // OPUS_INVALID_PACKET
        }

        byte* frames = stackalloc byte[MaxFramesPerPacket * sizeof(nint)];
        short* sizes = stackalloc short[MaxFramesPerPacket];
        int count;
        fixed (byte* d = packet)
        {
            byte toc;
            int payloadOffset;
            count = opus_packet_parse(d, packet.Length, &toc, (byte**)frames, sizes, &payloadOffset);
            if (count < 0)
            {
                return count;
            }

            samples48k = opus_packet_get_nb_samples(d, packet.Length, 48000);
            frameSamples48k = opus_packet_get_samples_per_frame(d, 48000);
        }

        return samples48k < 0 ? samples48k : count;
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

    // opus_encoder_ctl is variadic; a fixed (int, int) or (int, pointer) signature matches the calling convention
    // on Linux x64/arm64/armhf (variadic arguments travel like fixed ones there).
    [LibraryImport(Libraries.Opus)]
    private static partial int opus_encoder_ctl(OpusEncoderHandle encoder, int request, int value);

    [LibraryImport(Libraries.Opus, EntryPoint = "opus_encoder_ctl")]
    private static partial int opus_encoder_ctl(OpusEncoderHandle encoder, int request, nint value);

    [LibraryImport(Libraries.Opus)]
    private static partial int opus_packet_parse(byte* data, int length, byte* toc, byte** frames, short* sizes, int* payloadOffset);

    [LibraryImport(Libraries.Opus)]
    private static partial int opus_packet_get_nb_samples(byte* packet, int length, int fs);

    [LibraryImport(Libraries.Opus)]
    private static partial int opus_packet_get_samples_per_frame(byte* packet, int fs);

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

using System.Runtime.InteropServices;

namespace CallSync.Testing.Tests.Codecs;

/// <summary>libopus and spandsp decoders, to check what the test kit's encoders produce.</summary>
internal static partial class ReferenceDecoders
{
    /// <summary>Decodes one Opus packet at 48 kHz mono; returns the samples it held.</summary>
    public static short[] Opus(byte[] packet)
    {
        var decoder = OpusDecoderCreate(48000, 1, out var error);
        Assert.True(decoder != IntPtr.Zero, "opus_decoder_create: " + error);
        try
        {
            var pcm = new short[5760];
            var samples = OpusDecode(decoder, packet, packet.Length, pcm, pcm.Length, 0);
            Assert.True(samples > 0, "opus_decode: " + samples);
            return pcm[..samples];
        }
        finally
        {
            OpusDecoderDestroy(decoder);
        }
    }

    public static int OpusFrames(byte[] packet) => OpusPacketFrames(packet, packet.Length);

    /// <summary>Decodes G.722 at 64 kbit/s to 16 kHz samples.</summary>
    public static short[] G722(byte[] data)
    {
        var state = G722DecodeInit(IntPtr.Zero, 64000, 0);
        Assert.True(state != IntPtr.Zero, "g722_decode_init");
        try
        {
            var pcm = new short[data.Length * 2];
            var samples = G722Decode(state, pcm, data, data.Length);
            return pcm[..samples];
        }
        finally
        {
            _ = G722DecodeFree(state);
        }
    }

    [LibraryImport("libopus.so.0", EntryPoint = "opus_decoder_create")]
    private static partial IntPtr OpusDecoderCreate(int sampleRate, int channels, out int error);

    [LibraryImport("libopus.so.0", EntryPoint = "opus_decoder_destroy")]
    private static partial void OpusDecoderDestroy(IntPtr decoder);

    [LibraryImport("libopus.so.0", EntryPoint = "opus_decode")]
    private static partial int OpusDecode(IntPtr decoder, byte[] data, int length, short[] pcm, int frameSize, int decodeFec);

    [LibraryImport("libopus.so.0", EntryPoint = "opus_packet_get_nb_frames")]
    private static partial int OpusPacketFrames(byte[] packet, int length);

    [LibraryImport("libspandsp.so.2", EntryPoint = "g722_decode_init")]
    private static partial IntPtr G722DecodeInit(IntPtr state, int rate, int options);

    [LibraryImport("libspandsp.so.2", EntryPoint = "g722_decode_free")]
    private static partial int G722DecodeFree(IntPtr state);

    [LibraryImport("libspandsp.so.2", EntryPoint = "g722_decode")]
    private static partial int G722Decode(IntPtr state, short[] amplitudes, byte[] g722, int length);
}

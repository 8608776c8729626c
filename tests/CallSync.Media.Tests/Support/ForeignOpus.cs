using System.Runtime.InteropServices;

namespace CallSync.Media.Tests.Support;

/// <summary>
/// libopus called directly (not through the product's wrapper) to make Opus packets of any frame duration, the
/// libopus repacketizer to join frames into multi-frame packets (RFC 6716 codes 1-3), and a decoder for what the
/// product sends.
/// </summary>
internal sealed unsafe partial class ForeignOpus : IDisposable
{
    private const string Lib = "libopus.so.0";
    private readonly nint _encoder;

    public ForeignOpus(int sampleRate, int bitrate = 32000)
    {
        SampleRate = sampleRate;
        _encoder = opus_encoder_create(sampleRate, 1, 2048, out int error);
        Assert.Equal(0, error);
        Assert.Equal(0, opus_encoder_ctl(_encoder, 4002, bitrate));
    }

    public int SampleRate { get; }

    public byte[] Encode(ReadOnlySpan<short> pcm)
    {
        var packet = new byte[1500];
        int n;
        fixed (short* p = pcm)
        fixed (byte* d = packet)
        {
            n = opus_encode(_encoder, p, pcm.Length, d, packet.Length);
        }

        Assert.True(n > 0, $"opus_encode returned {n} for {pcm.Length} samples");
        return packet[..n];
    }

    /// <summary>Joins single-frame packets into one packet with the repacketizer.</summary>
    public static byte[] Join(IReadOnlyList<byte[]> frames)
    {
        nint rp = opus_repacketizer_create();
        try
        {
            foreach (byte[] f in frames)
            {
                fixed (byte* d = f)
                {
                    Assert.Equal(0, opus_repacketizer_cat(rp, d, f.Length));
                }
            }

            var packet = new byte[1500];
            int n;
            fixed (byte* d = packet)
            {
                n = opus_repacketizer_out(rp, d, packet.Length);
            }

            Assert.True(n > 0, $"opus_repacketizer_out returned {n}");
            return packet[..n];
        }
        finally
        {
            opus_repacketizer_destroy(rp);
        }
    }

    public void Dispose() => opus_encoder_destroy(_encoder);

    /// <summary>libopus's own reading of a packet's duration, in 48 kHz samples.</summary>
    public static int Samples48k(byte[] packet)
    {
        fixed (byte* d = packet)
        {
            return opus_packet_get_nb_samples(d, packet.Length, 48000);
        }
    }

    /// <summary>libopus's reading of the duration of one frame of a packet, in 48 kHz samples.</summary>
    public static int SamplesPerFrame48k(byte[] packet)
    {
        fixed (byte* d = packet)
        {
            return opus_packet_get_samples_per_frame(d, 48000);
        }
    }

    /// <summary>Decodes a sequence of packets with a fresh libopus decoder at <paramref name="rate"/>.</summary>
    public static short[] Decode(IEnumerable<byte[]> packets, int rate)
    {
        nint decoder = opus_decoder_create(rate, 1, out int error);
        Assert.Equal(0, error);
        try
        {
            var all = new List<short>();
            var pcm = new short[rate * 120 / 1000];
            foreach (byte[] p in packets)
            {
                int n;
                fixed (byte* d = p)
                fixed (short* o = pcm)
                {
                    n = opus_decode(decoder, d, p.Length, o, pcm.Length, 0);
                }

                Assert.True(n > 0, $"opus_decode returned {n}");
                all.AddRange(pcm.AsSpan(0, n));
            }

            return [.. all];
        }
        finally
        {
            opus_decoder_destroy(decoder);
        }
    }

    [LibraryImport(Lib)]
    private static partial nint opus_encoder_create(int fs, int channels, int application, out int error);

    [LibraryImport(Lib)]
    private static partial void opus_encoder_destroy(nint encoder);

    [LibraryImport(Lib)]
    private static partial int opus_encoder_ctl(nint encoder, int request, int value);

    [LibraryImport(Lib)]
    private static partial int opus_encode(nint encoder, short* pcm, int frameSize, byte* data, int maxBytes);

    [LibraryImport(Lib)]
    private static partial int opus_packet_get_nb_samples(byte* packet, int length, int fs);

    [LibraryImport(Lib)]
    private static partial int opus_packet_get_samples_per_frame(byte* packet, int fs);

    [LibraryImport(Lib)]
    private static partial nint opus_decoder_create(int fs, int channels, out int error);

    [LibraryImport(Lib)]
    private static partial void opus_decoder_destroy(nint decoder);

    [LibraryImport(Lib)]
    private static partial int opus_decode(nint decoder, byte* data, int length, short* pcm, int frameSize, int fec);

    [LibraryImport(Lib)]
    private static partial nint opus_repacketizer_create();

    [LibraryImport(Lib)]
    private static partial void opus_repacketizer_destroy(nint rp);

    [LibraryImport(Lib)]
    private static partial int opus_repacketizer_cat(nint rp, byte* data, int length);

    [LibraryImport(Lib)]
    private static partial int opus_repacketizer_out(nint rp, byte* data, int maxLength);
}

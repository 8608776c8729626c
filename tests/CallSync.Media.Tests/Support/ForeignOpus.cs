using System.Runtime.InteropServices;

namespace CallSync.Media.Tests.Support;

/// <summary>
/// libopus called directly (not through the product's wrapper) to make Opus packets of any frame duration, and the
/// libopus repacketizer to join frames into multi-frame packets (RFC 6716 codes 1-3).
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

    [LibraryImport(Lib)]
    private static partial nint opus_encoder_create(int fs, int channels, int application, out int error);

    [LibraryImport(Lib)]
    private static partial void opus_encoder_destroy(nint encoder);

    [LibraryImport(Lib)]
    private static partial int opus_encoder_ctl(nint encoder, int request, int value);

    [LibraryImport(Lib)]
    private static partial int opus_encode(nint encoder, short* pcm, int frameSize, byte* data, int maxBytes);

    [LibraryImport(Lib)]
    private static partial nint opus_repacketizer_create();

    [LibraryImport(Lib)]
    private static partial void opus_repacketizer_destroy(nint rp);

    [LibraryImport(Lib)]
    private static partial int opus_repacketizer_cat(nint rp, byte* data, int length);

    [LibraryImport(Lib)]
    private static partial int opus_repacketizer_out(nint rp, byte* data, int maxLength);
}

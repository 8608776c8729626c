using CallSync.Media.Codecs;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Codecs;

public sealed class OpusTests
{
    [Theory]
    [InlineData(8000, 400.0)]
    [InlineData(16000, 1000.0)]
    public void EncodeDecode_Tone_KeepsItsFrequency(int rate, double frequency)
    {
        using var encoder = new OpusVoiceEncoder(rate, 24000, 5);
        using var decoder = new OpusVoiceDecoder(rate);
        int frame = rate / 50;
        var pcm = new short[frame];
        var packet = new byte[1500];
        var output = new List<short>();
        var decoded = new short[frame];
        long index = 0;
        for (int i = 0; i < 100; i++)
        {
            Signal.Tone(pcm, rate, frequency, 8000, ref index);
            int n = encoder.Encode(pcm, packet);
            Assert.InRange(n, 1, 200);
            Assert.Equal(frame, decoder.Decode(packet.AsSpan(0, n), decoded));
            output.AddRange(decoded);
        }

        short[] tail = output.Skip(output.Count / 2).ToArray();
        double at = Signal.Goertzel(tail, rate, frequency);
        double off = Signal.Goertzel(tail, rate, frequency * 1.7);
        Assert.True(Signal.Db(at, off) > 30, $"tone {Signal.Db(at, off):F1} dB above the off-frequency bin");
    }

    [Fact]
    public void ConcealAndDecodeRedundant_AfterLoss_ProduceToneNotSilence()
    {
        const int rate = 16000;
        using var encoder = new OpusVoiceEncoder(rate, 24000, 20);
        using var decoder = new OpusVoiceDecoder(rate);
        var pcm = new short[320];
        var packets = new List<byte[]>();
        var buffer = new byte[1500];
        long index = 0;
        for (int i = 0; i < 50; i++)
        {
            Signal.Tone(pcm, rate, 500, 8000, ref index);
            packets.Add(buffer.AsSpan(0, encoder.Encode(pcm, buffer)).ToArray());
        }

        var output = new short[320];
        for (int i = 0; i < 40; i++)
        {
            decoder.Decode(packets[i], output);
        }

        Assert.Equal(320, decoder.DecodeRedundant(packets[41], output)); // packet 40 "lost"
        Assert.True(Signal.Goertzel(output, rate, 500) > 1000);
        Assert.Equal(320, decoder.Conceal(output));
        Assert.True(Signal.Goertzel(output, rate, 500) > 100);
    }

    [Fact]
    public void Decode_GarbagePayload_ThrowsOpusException()
    {
        using var decoder = new OpusVoiceDecoder(8000);
        var output = new short[160];

        // TOC code 3 with a frame count of 0 is invalid (RFC 6716 section 3.2.5).
        var ex = Assert.Throws<OpusException>(() => decoder.Decode([0x03, 0x00], output));
        Assert.True(ex.ErrorCode < 0);
    }
}

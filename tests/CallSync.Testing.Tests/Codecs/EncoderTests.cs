using CallSync.Testing.Audio;
using CallSync.Testing.Codecs;
using CallSync.Testing.Files;
using CallSync.Testing.Processes;

namespace CallSync.Testing.Tests.Codecs;

/// <summary>The test kit's encoders checked against other implementations: sox for G.711, libopus and spandsp decoders.</summary>
public sealed class EncoderTests
{
    [Theory]
    [InlineData("mu-law", false)]
    [InlineData("a-law", true)]
    public void G711_EverySixteenBitValue_SameBytesAsSox(string soxEncoding, bool aLaw)
    {
        Tool.Require("sox", "sox");
        using var directory = new TempDirectory();
        var all = Enumerable.Range(short.MinValue, 65536).Select(v => (short)v).ToArray();
        WavFile.Write(directory.File("all.wav"), 8000, all);

        var result = Tool.Run("sox", "-D", directory.File("all.wav"), "-t", "raw", "-e", soxEncoding, "-b", "8", directory.File("sox.raw")); // -D: no dither

        Assert.True(result.ExitCode == 0, result.Output);
        var sox = File.ReadAllBytes(directory.File("sox.raw"));
        var ours = all.Select(v => aLaw ? G711.ALaw(v) : G711.MuLaw(v)).ToArray();
        var differences = Enumerable.Range(0, ours.Length).Where(i => ours[i] != sox[i]).Take(5).Select(i => $"{all[i]}: ours {ours[i]:X2} sox {sox[i]:X2}").ToList();
        Assert.True(differences.Count == 0, string.Join("; ", differences));
    }

    [Theory]
    [InlineData(2.5, 1)]
    [InlineData(5, 1)]
    [InlineData(10, 1)]
    [InlineData(20, 1)]
    [InlineData(40, 1)]
    [InlineData(60, 1)]
    [InlineData(20, 3)]
    [InlineData(10, 6)]
    [InlineData(60, 2)]
    public void Opus_FrameDurationAndFramesPerPacket_LibopusDecodesThatMuchAudio(double frameMs, int frames)
    {
        using var encoder = new OpusPacketEncoder(TimeSpan.FromMilliseconds(frameMs), frames);
        var tone = Signals.Tone(1000, 48000, TimeSpan.FromMilliseconds(frameMs * frames * 10));

        byte[] packet = [];
        for (var i = 0; i < 10; i++)
        {
            packet = encoder.Encode(tone.AsSpan(i * encoder.SamplesPerPacket, encoder.SamplesPerPacket));
        }

        // CELT frames are at most 20 ms: a 40 or 60 ms encode is two or three of them.
        Assert.Equal(frames * Math.Max(1, (int)(frameMs / 20)), ReferenceDecoders.OpusFrames(packet));
        Assert.Equal(encoder.SamplesPerPacket, ReferenceDecoders.Opus(packet).Length);
    }

    [Fact]
    public void Opus_PacketOfMoreThan120Ms_Refused()
    {
        Assert.Throws<ArgumentException>(() => new OpusPacketEncoder(TimeSpan.FromMilliseconds(60), 3));
        Assert.Throws<ArgumentException>(() => new OpusPacketEncoder(TimeSpan.FromMilliseconds(30)));
    }

    [Fact]
    public void G722_SixKilohertzTone_HalfAByteASampleAndTheToneSurvivesDecoding()
    {
        using var encoder = new G722Encoder(320);
        var tone = Signals.Tone(6000, 16000, TimeSpan.FromSeconds(1));

        var encoded = Enumerable.Range(0, 50).SelectMany(i => encoder.Encode(tone.AsSpan(i * 320, 320))).ToArray();
        var decoded = ReferenceDecoders.G722(encoded);

        Assert.Equal(8000, encoded.Length);
        Assert.Equal(16000, decoded.Length);
        Assert.InRange(Spectrum.DominantFrequency(decoded.AsSpan(4000, 8000), 16000), 5990, 6010);
    }
}

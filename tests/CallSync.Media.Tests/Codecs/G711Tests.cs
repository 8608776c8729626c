using CallSync.Media.Codecs;

namespace CallSync.Media.Tests.Codecs;

public sealed class G711Tests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EncodeThenDecode_FullRange_ErrorWithinQuantisationStep(bool aLaw)
    {
        var pcm = new short[65536];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(i - 32768);
        }

        var encoded = new byte[pcm.Length];
        var decoded = new short[pcm.Length];
        if (aLaw)
        {
            G711.EncodeALaw(pcm, encoded);
            G711.DecodeALaw(encoded, decoded);
        }
        else
        {
            G711.EncodeMuLaw(pcm, encoded);
            G711.DecodeMuLaw(encoded, decoded);
        }

        for (int i = 0; i < pcm.Length; i++)
        {
            int magnitude = Math.Min(Math.Abs((int)pcm[i]), 32635);
            int allowed = Math.Max(16, magnitude / 16) + 8; // half a segment step, a little slack
            Assert.InRange(Math.Abs(Math.Clamp((int)pcm[i], -32635, 32635) - decoded[i]), 0, allowed);
        }
    }

    [Fact]
    public void Encode_Silence_GivesCanonicalCodes()
    {
        var encoded = new byte[1];
        G711.EncodeMuLaw([0], encoded);
        Assert.Equal(0xFF, encoded[0]);
        G711.EncodeALaw([0], encoded);
        Assert.Equal(0xD5, encoded[0]);
    }

    [Fact]
    public void DecodeEncode_EveryCode_IsStable()
    {
        var codes = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            codes[i] = (byte)i;
        }

        var pcm = new short[256];
        var again = new byte[256];
        G711.DecodeALaw(codes, pcm);
        G711.EncodeALaw(pcm, again);
        Assert.Equal(codes, again);
        G711.DecodeMuLaw(codes, pcm);
        G711.EncodeMuLaw(pcm, again);
        for (int i = 0; i < 256; i++)
        {
            // u-law has two codes for zero (0x7F and 0xFF); all others are stable.
            if (i != 0x7F)
            {
                Assert.Equal(codes[i], again[i]);
            }
        }
    }
}

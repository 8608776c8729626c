using System.Buffers.Binary;

namespace CallSync.Media.Tests.Support;

/// <summary>Minimal 16-bit PCM WAV reader for opusdec output.</summary>
internal sealed record WavFile(int SampleRate, int Channels, short[] Samples)
{
    public static WavFile Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int offset = 12;
        int rate = 0;
        int channels = 0;
        while (offset + 8 <= bytes.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 10));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 12));
            }
            else if (id == "data")
            {
                int length = Math.Min(size, bytes.Length - offset - 8);
                if (size <= 0)
                {
                    length = bytes.Length - offset - 8;
                }

                var samples = new short[length / 2];
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 8 + (2 * i)));
                }

                return new WavFile(rate, channels, samples);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }

    public short[] Channel(int index)
    {
        var result = new short[Samples.Length / Channels];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Samples[(i * Channels) + index];
        }

        return result;
    }
}

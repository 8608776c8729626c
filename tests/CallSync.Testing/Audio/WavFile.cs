using System.Buffers.Binary;
using System.Text;

namespace CallSync.Testing.Audio;

/// <summary>16-bit PCM WAV files (what opusdec writes, what sox, baresip and linphone read): interleaved samples.</summary>
public sealed record WavFile(int SampleRate, int Channels, short[] Samples)
{
    private const int HeaderBytes = 44;

    /// <summary>Frames (samples per channel).</summary>
    public int Frames => Samples.Length / Channels;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);

    /// <summary>Reads a PCM WAV file: the "fmt " chunk's rate and channels, then the "data" chunk (streamed files with a zero or oversized data length are read to their end).</summary>
    public static WavFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path} is not a RIFF/WAVE file");
        }

        int rate = 0, channels = 0, offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = offset + 8;
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4));
            }
            else if (id == "data")
            {
                var length = size <= 0 || size > bytes.Length - body ? bytes.Length - body : size;
                var samples = new short[length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + (2 * i)));
                }

                return channels > 0 ? new WavFile(rate, channels, samples) : throw new InvalidDataException($"{path} has data before its format");
            }

            offset = body + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk");
    }

    /// <summary>Writes mono 16-bit samples.</summary>
    public static void Write(string path, int sampleRate, ReadOnlySpan<short> samples) =>
        new WavFile(sampleRate, 1, samples.ToArray()).Write(path);

    /// <summary>Writes this file.</summary>
    public void Write(string path)
    {
        var data = Samples.Length * 2;
        var bytes = new byte[HeaderBytes + data];
        var span = bytes.AsSpan();
        Encoding.ASCII.GetBytes("RIFF", span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], HeaderBytes - 8 + data);
        Encoding.ASCII.GetBytes("WAVEfmt ", span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)Channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * Channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(Channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        Encoding.ASCII.GetBytes("data", span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < Samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderBytes + (2 * i))..], Samples[i]);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>One channel's samples (0 = left).</summary>
    public short[] Channel(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Channels);
        var result = new short[Frames];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Samples[(i * Channels) + index];
        }

        return result;
    }
}

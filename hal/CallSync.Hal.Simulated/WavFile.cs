using System.Buffers.Binary;

namespace CallSync.Hal.Simulated;

/// <summary>Reads 16-bit mono PCM WAV files (RIFF/WAVE, format 1).</summary>
public static class WavFile
{
    /// <summary>The samples and rate of a WAV file.</summary>
    public readonly record struct Contents(int SampleRate, short[] Samples);

    /// <summary>Reads the whole file.</summary>
    /// <exception cref="InvalidDataException">Not a 16-bit mono PCM WAV file.</exception>
    public static Contents Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file");
        }

        int? rate = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.AsSpan(offset, 4);
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4)), (uint)(bytes.Length - offset - 8));
            var body = bytes.AsSpan(offset + 8, size);
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || BinaryPrimitives.ReadUInt16LittleEndian(body) != 1 ||
                    BinaryPrimitives.ReadUInt16LittleEndian(body[2..]) != 1 ||
                    BinaryPrimitives.ReadUInt16LittleEndian(body[14..]) != 16)
                {
                    throw new InvalidDataException($"{path}: expected 16-bit mono PCM");
                }

                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is null)
                {
                    throw new InvalidDataException($"{path}: data chunk before fmt chunk");
                }

                var samples = new short[size / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(i * 2)..]);
                }

                return new Contents(rate.Value, samples);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk");
    }
}

using System.Buffers.Binary;

namespace CallSync.Hal.Simulated;

/// <summary>
/// Writes what the simulated speaker plays to a 16-bit mono WAV file. The header's sizes are brought up to
/// date on every <see cref="Flush"/> and on dispose, so the file is readable while it grows.
/// </summary>
public sealed class WavSink : IAudioSink
{
    private const int HeaderBytes = 44;
    private readonly FileStream _file;
    private readonly int _sampleRate;
    private readonly byte[] _buffer = new byte[4096];
    private long _dataBytes;

    /// <summary>Creates (or replaces) <paramref name="path"/>.</summary>
    public WavSink(string path, int sampleRate)
    {
        _sampleRate = sampleRate;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        WriteHeader();
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<short> frame)
    {
        while (!frame.IsEmpty)
        {
            var count = Math.Min(frame.Length, _buffer.Length / 2);
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(i * 2), frame[i]);
            }

            _file.Write(_buffer, 0, count * 2);
            _dataBytes += count * 2;
            frame = frame[count..];
        }
    }

    /// <summary>Updates the header and pushes the bytes to the file.</summary>
    public void Flush()
    {
        var end = _file.Position;
        _file.Position = 0;
        WriteHeader();
        _file.Position = end;
        _file.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }

    private void WriteHeader()
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        var data = (uint)Math.Min(_dataBytes, uint.MaxValue - HeaderBytes);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], data + HeaderBytes - 8);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)_sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)_sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], data);
        _file.Write(header);
    }
}

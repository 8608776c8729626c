using System.Buffers.Binary;

namespace CallSync.Recording;

/// <summary>
/// Reads facts of an Ogg Opus file from its pages without decoding: the duration (the last page's granule
/// position minus the pre-skip of the OpusHead, RFC 7845 section 4, at 48 kHz) and the input sample rate the
/// OpusHead declares. Tolerates a truncated tail.
/// </summary>
public static class OggOpusInspector
{
    private const int PageHeaderLength = 27;

    /// <summary>
    /// The original input rate the OpusHead declares (RFC 7845 5.1: what the audio was recorded at; playback is
    /// always 48 kHz); false when the file does not start with an OpusHead.
    /// </summary>
    public static bool TryGetInputSampleRate(ReadOnlySpan<byte> file, out int sampleRate)
    {
        sampleRate = 0;
        if (file.Length < PageHeaderLength || !file.StartsWith("OggS"u8))
        {
            return false;
        }

        int segments = file[26];
        int headerLength = PageHeaderLength + segments;
        if (file.Length < headerLength + 16 || !file[headerLength..].StartsWith("OpusHead"u8))
        {
            return false;
        }

        sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(headerLength + 12, 4));
        return true;
    }

    /// <summary>Duration of the audio in <paramref name="file"/>; false when no Opus page is found.</summary>
    public static bool TryGetDuration(ReadOnlySpan<byte> file, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        int offset = 0;
        int preSkip = -1;
        long lastGranule = -1;
        while (offset + PageHeaderLength <= file.Length)
        {
            ReadOnlySpan<byte> page = file[offset..];
            if (!page.StartsWith("OggS"u8))
            {
                break;
            }

            int segments = page[26];
            if (PageHeaderLength + segments > page.Length)
            {
                break;
            }

            int bodyLength = 0;
            for (int i = 0; i < segments; i++)
            {
                bodyLength += page[PageHeaderLength + i];
            }

            int headerLength = PageHeaderLength + segments;
            if (headerLength + bodyLength > page.Length)
            {
                // A page cut by a crash: everything before it counts.
                break;
            }

            ReadOnlySpan<byte> body = page.Slice(headerLength, bodyLength);
            long granule = BinaryPrimitives.ReadInt64LittleEndian(page.Slice(6, 8));
            if (preSkip < 0 && body.StartsWith("OpusHead"u8) && body.Length >= 12)
            {
                preSkip = BinaryPrimitives.ReadUInt16LittleEndian(body.Slice(10, 2));
            }
            else if (granule >= 0)
            {
                lastGranule = granule;
            }

            offset += headerLength + bodyLength;
        }

        if (preSkip < 0 || lastGranule < 0)
        {
            return preSkip >= 0;
        }

        duration = TimeSpan.FromTicks(Math.Max(0, lastGranule - preSkip) * TimeSpan.TicksPerSecond / 48000);
        return true;
    }
}

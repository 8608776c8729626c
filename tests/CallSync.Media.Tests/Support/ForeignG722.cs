using System.Runtime.InteropServices;
using CallSync.Testing.Files;
using CallSync.Testing.Processes;

namespace CallSync.Media.Tests.Support;

/// <summary>G.722 encoding by ffmpeg's libavcodec (no code shared with spandsp), so the streams sent are not made by the encoder the product decodes against.</summary>
internal static class ForeignG722
{
    /// <summary>16 kHz PCM in, one G.722 byte per two samples out.</summary>
    public static byte[] Encode(short[] pcm)
    {
        using var dir = new TempDirectory();
        string input = Path.Combine(dir.Path, "in.raw");
        string output = Path.Combine(dir.Path, "out.g722");
        File.WriteAllBytes(input, MemoryMarshal.AsBytes(pcm.AsSpan()).ToArray());
        (int code, string text) = Tool.Run(
            "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            "-f", "s16le", "-ar", "16000", "-ac", "1", "-i", input, "-c:a", "g722", "-f", "g722", output);
        Assert.True(code == 0, "ffmpeg failed: " + text);
        byte[] encoded = File.ReadAllBytes(output);
        Assert.Equal(pcm.Length / 2, encoded.Length);
        return encoded;
    }

    /// <summary>G.722 bytes in, 16 kHz PCM out.</summary>
    public static short[] Decode(byte[] encoded)
    {
        using var dir = new TempDirectory();
        string input = Path.Combine(dir.Path, "in.g722");
        string output = Path.Combine(dir.Path, "out.raw");
        File.WriteAllBytes(input, encoded);
        (int code, string text) = Tool.Run(
            "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            "-f", "g722", "-i", input, "-f", "s16le", "-ac", "1", "-ar", "16000", output);
        Assert.True(code == 0, "ffmpeg failed: " + text);
        return MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(output)).ToArray();
    }
}

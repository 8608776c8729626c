using System.Runtime.InteropServices;
using CallSync.Testing.Files;
using CallSync.Testing.Processes;

namespace CallSync.Media.Tests.Support;

/// <summary>G.711 encoding by sox, so the streams the tests send are not made by the encoder the product decodes against.</summary>
internal static class ForeignG711
{
    public static byte[] Encode(short[] pcm, bool aLaw)
    {
        using var dir = new TempDirectory();
        string input = Path.Combine(dir.Path, "in.raw");
        string output = Path.Combine(dir.Path, "out.raw");
        File.WriteAllBytes(input, MemoryMarshal.AsBytes(pcm.AsSpan()).ToArray());
        (int code, string text) = Tool.Run(
            "sox", "-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1", input,
            "-t", "raw", "-e", aLaw ? "a-law" : "u-law", "-b", "8", "-c", "1", output);
        Assert.True(code == 0, "sox failed: " + text);
        byte[] encoded = File.ReadAllBytes(output);
        Assert.Equal(pcm.Length, encoded.Length);
        return encoded;
    }

    public static short[] Decode(byte[] encoded, bool aLaw)
    {
        using var dir = new TempDirectory();
        string input = Path.Combine(dir.Path, "in.raw");
        string output = Path.Combine(dir.Path, "out.raw");
        File.WriteAllBytes(input, encoded);
        (int code, string text) = Tool.Run(
            "sox", "-t", "raw", "-r", "8000", "-e", aLaw ? "a-law" : "u-law", "-b", "8", "-c", "1", input,
            "-t", "raw", "-e", "signed", "-b", "16", "-c", "1", output);
        Assert.True(code == 0, "sox failed: " + text);
        return MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(output)).ToArray();
    }
}

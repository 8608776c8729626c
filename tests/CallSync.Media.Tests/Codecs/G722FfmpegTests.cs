using System.Runtime.InteropServices;
using CallSync.Media.Codecs;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Codecs;

/// <summary>
/// Cross-checks against an implementation that shares no code with spandsp: ffmpeg's libavcodec G.722
/// encoder and decoder (Debian ffmpeg, installed by deploy/test-deps.sh), run as a process on raw files.
/// Both implement the bit-exact ITU-T algorithm, so the bytes and samples must be identical, not just close.
/// </summary>
public sealed class G722FfmpegTests
{
    public static TheoryData<string> Signals => ["speech-like", "tone"];

    [Theory]
    [MemberData(nameof(Signals))]
    public void Encode_SameSignal_SameBytesAsFfmpeg(string signal)
    {
        using var dir = new TempDirectory();
        short[] input = Make(signal);
        using var encoder = new G722Encoder();
        byte[] ours = G722Signals.Encode(encoder, input, 320);

        string raw = Path.Combine(dir.Path, "in.raw");
        string coded = Path.Combine(dir.Path, "ffmpeg.g722");
        File.WriteAllBytes(raw, MemoryMarshal.AsBytes(input.AsSpan()).ToArray());
        Ffmpeg("-f", "s16le", "-ar", "16000", "-ac", "1", "-i", raw, "-c:a", "g722", "-f", "g722", coded);

        Assert.Equal(File.ReadAllBytes(coded), ours);
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void Decode_FfmpegEncoded_SameSamplesAsFfmpeg(string signal)
    {
        using var dir = new TempDirectory();
        string raw = Path.Combine(dir.Path, "in.raw");
        string coded = Path.Combine(dir.Path, "ffmpeg.g722");
        string decoded = Path.Combine(dir.Path, "ffmpeg.raw");
        File.WriteAllBytes(raw, MemoryMarshal.AsBytes(Make(signal).AsSpan()).ToArray());
        Ffmpeg("-f", "s16le", "-ar", "16000", "-ac", "1", "-i", raw, "-c:a", "g722", "-f", "g722", coded);
        Ffmpeg("-f", "g722", "-i", coded, "-f", "s16le", "-ac", "1", "-ar", "16000", decoded);
        byte[] payload = File.ReadAllBytes(coded);
        short[] theirs = MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(decoded)).ToArray();

        using var decoder = new G722Decoder();
        short[] ours = G722Signals.Decode(decoder, payload, 161);

        Assert.Equal(theirs.Length, ours.Length);
        Assert.Equal(theirs, ours);
    }

    private static short[] Make(string signal) =>
        signal == "tone" ? G722Signals.Tone(G722.SampleRate, 1000, 12000) : G722Signals.SpeechLike(2 * G722.SampleRate);

    private static void Ffmpeg(params string[] args)
    {
        (int code, string output) = ExternalTool.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. args]);
        Assert.True(code == 0, "ffmpeg failed: " + output);
    }
}

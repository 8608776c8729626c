using CallSync.Testing.Processes;

namespace CallSync.Testing.Audio;

/// <summary>A call recording (stereo Ogg Opus: left = desk phone, right = remote party) decoded for analysis.</summary>
public sealed record DecodedRecording(OpusInfo Info, WavFile Audio)
{
    public const int Left = 0;
    public const int Right = 1;

    /// <summary>Checks the file with opusinfo and decodes it with opusdec (48 kHz WAV next to it).</summary>
    public static DecodedRecording Decode(string opusPath)
    {
        Tool.Require("opusdec", "opus-tools");
        var info = OpusInfo.Of(opusPath);
        var wav = opusPath + ".wav";
        var result = Tool.Run("opusdec", "--quiet", "--rate", "48000", opusPath, wav);
        return result.ExitCode == 0
            ? new DecodedRecording(info, WavFile.Read(wav))
            : throw new InvalidOperationException($"opusdec could not decode {opusPath}:\n{result.Output}\n{info.Output}");
    }

    /// <summary>Where a tone is in one channel.</summary>
    public ToneTrack Track(int channel, double frequency) =>
        ToneTrack.Detect(Audio.Channel(channel), Audio.SampleRate, frequency);
}

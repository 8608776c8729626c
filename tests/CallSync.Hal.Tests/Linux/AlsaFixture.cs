using System.Runtime.InteropServices;

namespace CallSync.Hal.Tests.Linux;

/// <summary>
/// ALSA without a sound card: a HOME with a .asoundrc that defines alsa-lib `file` plugin PCMs over `null`.
/// Capture devices read a raw S16_LE tone file (400 Hz, one per rate); the playback device writes raw samples to a
/// file. alsa-lib reads its configuration once per process, so every ALSA test shares this one fixture and HOME is
/// set before the first PCM is opened.
/// </summary>
public sealed class AlsaFixture : IDisposable
{
    public const double ToneHz = 400;

    public AlsaFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("callsync-alsa-").FullName;
        foreach (var rate in new[] { 8000, 16000 })
        {
            File.WriteAllBytes(TonePath(rate), MemoryMarshal.AsBytes(Tone(rate, ToneHz, seconds: 2).AsSpan()).ToArray());
        }

        File.WriteAllText(Path.Combine(Directory, ".asoundrc"), $$"""
            pcm.callsync_tone8k {
              type file
              slave.pcm "null"
              file "/dev/null"
              infile "{{TonePath(8000)}}"
              format "raw"
            }
            pcm.callsync_tone16k {
              type file
              slave.pcm "null"
              file "/dev/null"
              infile "{{TonePath(16000)}}"
              format "raw"
            }
            pcm.callsync_speaker {
              type file
              slave.pcm "null"
              file "{{SpeakerPath}}"
              format "raw"
            }
            """);
        NativeEnvironment.Set("HOME", Directory);
    }

    public string Directory { get; }

    public string SpeakerPath => Path.Combine(Directory, "speaker.raw");

    public string TonePath(int rate) => Path.Combine(Directory, $"tone{rate / 1000}k.raw");

    public static string ToneDevice(int rate) => rate == 8000 ? "callsync_tone8k" : "callsync_tone16k";

    public static short[] Tone(int rate, double hz, double seconds)
    {
        var samples = new short[(int)(rate * seconds)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * hz * i / rate));
        }

        return samples;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class AlsaCollection : ICollectionFixture<AlsaFixture>
{
    public const string Name = "alsa";
}

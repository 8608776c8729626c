namespace CallSync.Hal.Linux.Audio;

/// <summary>Which ALSA PCMs the handset uses and at what rate.</summary>
/// <param name="CaptureDevice">The microphone's PCM name (e.g. "default", "plughw:1,0", a name from .asoundrc).</param>
/// <param name="PlaybackDevice">The speaker's PCM name.</param>
/// <param name="SampleRate">8000 or 16000; frames are 20 ms of 16-bit mono.</param>
/// <param name="PaceWithClock">
/// False (the default): the capture device's clock paces the frames, as a sound card does. True: a
/// <see cref="TimeProvider"/> timer releases one frame every 20 ms, for PCMs that have no clock of their own (alsa-lib's
/// file and null plugins on a machine without a sound card); on a real card this makes two clocks that drift apart.
/// </param>
public sealed record AlsaAudioOptions(string CaptureDevice = "default", string PlaybackDevice = "default", int SampleRate = 8000,
    bool PaceWithClock = false)
{
    /// <summary>Null when usable, else what is wrong, naming the property.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(CaptureDevice))
        {
            return "CaptureDevice: expected an ALSA PCM name such as \"default\"";
        }

        if (string.IsNullOrWhiteSpace(PlaybackDevice))
        {
            return "PlaybackDevice: expected an ALSA PCM name such as \"default\"";
        }

        return SampleRate is 8000 or 16000 ? null : $"SampleRate: {SampleRate} is not supported; expected 8000 or 16000";
    }
}

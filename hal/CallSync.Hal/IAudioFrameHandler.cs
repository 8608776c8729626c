namespace CallSync.Hal;

/// <summary>
/// Receives the audio device's periods: each call hands over one captured frame and asks for one frame
/// to play. Called on the device's own thread, once per frame period; it must not block.
/// </summary>
public interface IAudioFrameHandler
{
    /// <summary>
    /// One period: <paramref name="captured"/> is what the microphone heard, <paramref name="playback"/>
    /// must be filled with what the speaker plays (silence is zeros). Both are
    /// <see cref="IAudioDevice.FrameSamples"/> long, 16-bit mono PCM.
    /// </summary>
    void OnFrame(ReadOnlySpan<short> captured, Span<short> playback);
}

using System.Diagnostics.CodeAnalysis;

namespace CallSync.Hal;

/// <summary>
/// The handset's audio: a full-duplex device that delivers 20 ms frames of 16-bit mono PCM, paced by its
/// own clock (the sound card's on a board, a <see cref="TimeProvider"/> in simulation).
/// </summary>
public interface IAudioDevice
{
    /// <summary>Samples per second (8000 or 16000).</summary>
    int SampleRate { get; }

    /// <summary>Samples per 20 ms frame.</summary>
    int FrameSamples { get; }

    /// <summary>
    /// Starts delivering frames to <paramref name="handler"/> until <paramref name="started"/> is disposed; false when the
    /// device already serves another handler (the handset carries another call: an expected outcome, not an error).
    /// </summary>
    bool TryStart(IAudioFrameHandler handler, [NotNullWhen(true)] out IDisposable? started);
}

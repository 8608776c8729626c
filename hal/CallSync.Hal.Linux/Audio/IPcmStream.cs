namespace CallSync.Hal.Linux.Audio;

/// <summary>
/// What the audio thread needs from one PCM: a seam so the frame loop, its xrun recovery and its counters are
/// tested without a sound card. Results are alsa-lib's: counts, or negative errno values.
/// </summary>
internal interface IPcmStream : IDisposable
{
    string Name { get; }

    void Prepare();

    int Drop();

    long Read(Span<short> buffer);

    long Write(ReadOnlySpan<short> buffer);

    int Wait(TimeSpan timeout);

    int Recover(int error);

    /// <summary>alsa-lib's text for an error code.</summary>
    string Describe(int error);
}

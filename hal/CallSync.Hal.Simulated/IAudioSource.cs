namespace CallSync.Hal.Simulated;

/// <summary>What the simulated microphone hears.</summary>
public interface IAudioSource
{
    /// <summary>Fills <paramref name="frame"/> with the next samples.</summary>
    void Read(Span<short> frame);
}

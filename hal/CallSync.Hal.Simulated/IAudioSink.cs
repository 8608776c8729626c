namespace CallSync.Hal.Simulated;

/// <summary>Where the simulated speaker's sound goes.</summary>
public interface IAudioSink : IDisposable
{
    /// <summary>Takes the next samples.</summary>
    void Write(ReadOnlySpan<short> frame);
}

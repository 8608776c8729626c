namespace CallSync.Hal.Simulated;

/// <summary>A microphone in a silent room.</summary>
public sealed class SilenceSource : IAudioSource
{
    /// <inheritdoc />
    public void Read(Span<short> frame) => frame.Clear();
}

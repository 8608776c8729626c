namespace CallSync.Hal.Simulated;

/// <summary>A speaker nobody listens to.</summary>
public sealed class NullSink : IAudioSink
{
    /// <inheritdoc />
    public void Write(ReadOnlySpan<short> frame)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

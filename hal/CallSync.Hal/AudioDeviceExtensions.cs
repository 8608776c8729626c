namespace CallSync.Hal;

/// <summary>Conveniences over <see cref="IAudioDevice"/>.</summary>
public static class AudioDeviceExtensions
{
    /// <summary>Starts delivering frames to <paramref name="handler"/> until the result is disposed.</summary>
    /// <exception cref="InvalidOperationException">The device is already started.</exception>
    public static IDisposable Start(this IAudioDevice device, IAudioFrameHandler handler)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.TryStart(handler, out var run) ? run : throw new InvalidOperationException("the audio device is already started");
    }
}

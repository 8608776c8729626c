using CallSync.Hal;

namespace CallSync.Hal.Tests;

/// <summary>The tests' shorthand over <see cref="IAudioDevice.TryStart"/> (the product handles the false case itself).</summary>
internal static class AudioDeviceExtensions
{
    /// <summary>Starts delivering frames to <paramref name="handler"/> until the result is disposed.</summary>
    /// <exception cref="InvalidOperationException">The device is already started.</exception>
    public static IDisposable Start(this IAudioDevice device, IAudioFrameHandler handler)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.TryStart(handler, out var run) ? run : throw new InvalidOperationException("the audio device is already started");
    }
}

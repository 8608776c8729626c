using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Gpio.Interop;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>The checked layer over one GPIO chip's character device: open it, request lines from it.</summary>
internal sealed class GpioChip : IDisposable
{
    private readonly SafeGpioHandle _handle;

    private GpioChip(SafeGpioHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    /// <exception cref="GpioException">The chip is missing or cannot be opened.</exception>
    public static GpioChip Open(string path)
    {
        int fd = GpioNative.Open(path, GpioNative.OpenReadWrite | GpioNative.OpenCloseOnExec);
        if (fd < 0)
        {
            throw GpioErrors.Translate(Marshal.GetLastPInvokeError(), "open", path);
        }

        return new GpioChip(new SafeGpioHandle(fd), path);
    }

    /// <summary>GPIO_V2_GET_LINE_IOCTL: the returned request owns the lines until disposed.</summary>
    /// <exception cref="GpioException">The kernel refused the request.</exception>
    public GpioLineRequest Request(GpioV2LineRequest request, ReadOnlySpan<GpioLine> lines, string what)
    {
        if (GpioNative.Ioctl(_handle, GpioNative.GetLineIoctl, ref request) < 0)
        {
            throw GpioErrors.Translate(Marshal.GetLastPInvokeError(), $"line request for {what} ({FormatOffsets(lines)})", Path);
        }

        return new GpioLineRequest(new SafeGpioHandle(request.Fd), Path, lines.ToArray());
    }

    private static string FormatOffsets(ReadOnlySpan<GpioLine> lines)
    {
        var parts = new string[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            parts[i] = lines[i].ToString();
        }

        return "lines " + string.Join(", ", parts);
    }

    public void Dispose() => _handle.Dispose();
}

using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Gpio.Interop;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>The checked layer over one line request's file descriptor: values in and out, edge events.</summary>
internal sealed class GpioLineRequest : IGpioOutputs, IDisposable
{
    private readonly SafeGpioHandle _handle;
    private readonly string _chip;
    private readonly Lock _gate = new();
    private ulong _bits;

    internal GpioLineRequest(SafeGpioHandle handle, string chip, GpioLine[] lines)
    {
        _handle = handle;
        _chip = chip;
        Lines = lines;
    }

    /// <summary>The requested lines, in request order (bit i of values is Lines[i]).</summary>
    public IReadOnlyList<GpioLine> Lines { get; }

    internal SafeGpioHandle Handle => _handle;

    /// <summary>GPIO_V2_LINE_GET_VALUES_IOCTL for every line: logical values (active = true).</summary>
    public ulong GetValues()
    {
        var values = new GpioV2LineValues { Mask = Lines.Count == 64 ? ulong.MaxValue : (1UL << Lines.Count) - 1 };
        if (GpioNative.Ioctl(_handle, GpioNative.GetValuesIoctl, ref values) < 0)
        {
            throw GpioErrors.Translate(Marshal.GetLastPInvokeError(), "get values", _chip);
        }

        return values.Bits;
    }

    /// <inheritdoc/>
    public void Set(int index, bool active)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Lines.Count);
        lock (_gate)
        {
            _bits = active ? _bits | (1UL << index) : _bits & ~(1UL << index);
            var values = new GpioV2LineValues { Bits = _bits, Mask = 1UL << index };
            if (GpioNative.Ioctl(_handle, GpioNative.SetValuesIoctl, ref values) < 0)
            {
                throw GpioErrors.Translate(Marshal.GetLastPInvokeError(), $"set value of line {Lines[index]}", _chip);
            }
        }
    }

    /// <summary>A stream of this request's edge events (whole 48-byte records) that ends when <paramref name="stop"/> is cancelled.</summary>
    public GpioEventStream OpenEvents(CancellationToken stop) => new(this, stop);

    /// <summary>Waits up to <paramref name="timeout"/> for events, then reads what is there: bytes read, 0 on timeout.</summary>
    internal int ReadEvents(Span<byte> buffer, TimeSpan timeout)
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            var poll = new GpioNative.PollFd { Fd = _handle.Fd, Events = GpioNative.PollIn };
            int ready = GpioNative.Poll(ref poll, 1, (int)timeout.TotalMilliseconds);
            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno == GpioNative.Eintr ? 0 : throw GpioErrors.Translate(errno, "poll for line events", _chip);
            }

            if (ready == 0)
            {
                return 0;
            }
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }

        nint count = GpioNative.Read(_handle, buffer, buffer.Length);
        if (count < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is GpioNative.Eintr or GpioNative.Eagain ? 0 : throw GpioErrors.Translate(errno, "read line events", _chip);
        }

        return (int)count;
    }

    public void Dispose() => _handle.Dispose();
}

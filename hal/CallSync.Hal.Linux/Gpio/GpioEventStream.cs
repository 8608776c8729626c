namespace CallSync.Hal.Linux.Gpio;

/// <summary>
/// A line request's edge events as a read-only byte stream of whole <c>gpio_v2_line_event</c> records. Reads wait
/// in short poll slices, so the stream ends (a read returns 0) soon after the stop token is cancelled.
/// </summary>
internal sealed class GpioEventStream(GpioLineRequest request, CancellationToken stop) : Stream
{
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(100);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!stop.IsCancellationRequested)
        {
            int count = request.ReadEvents(buffer, PollSlice);
            if (count > 0)
            {
                return count;
            }
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

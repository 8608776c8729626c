using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>
/// Reads <c>gpio_v2_line_event</c> records from a stream (a line request's descriptor on a board, recorded bytes
/// in tests) and hands each to the dispatcher. Records split across reads are reassembled.
/// </summary>
internal static class GpioEventPump
{
    // The kernel's default event buffer for a request is 16 events per line; 16 records per read drains it in a few calls.
    private const int RecordsPerRead = 16;

    /// <summary>Runs until the stream ends; returns the number of events dispatched.</summary>
    public static long Run(Stream source, GpioInputDispatcher dispatcher, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(dispatcher);
        var buffer = new byte[GpioLineEvent.Size * RecordsPerRead];
        int filled = 0;
        long dispatched = 0;
        while (true)
        {
            int count = source.Read(buffer.AsSpan(filled));
            if (count == 0)
            {
                return dispatched;
            }

            filled += count;
            int consumed = 0;
            while (filled - consumed >= GpioLineEvent.Size)
            {
                if (GpioLineEvent.TryRead(buffer.AsSpan(consumed, GpioLineEvent.Size), out var lineEvent))
                {
                    try
                    {
                        dispatcher.Dispatch(lineEvent);
                    }
#pragma warning disable CA1031 // A failing hook or key subscriber must not stop the board's inputs; it is logged.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        LinuxBoardLog.SubscriberFailed(logger, ex);
                    }

                    dispatched++;
                }
                else
                {
                    LinuxBoardLog.EventMalformed(logger);
                }

                consumed += GpioLineEvent.Size;
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace CallSync.Testing.Waiting;

/// <summary>
/// Bounded polling for a condition another process or thread makes true (a file appears, a peer answers, a record
/// arrives): checks every <see cref="Interval"/> until it holds, and fails with a message saying what was awaited.
/// Code under test with an event or a fake <see cref="TimeProvider"/> should be awaited through those instead.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, () => what);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, string)"/>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, string)"/>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        UntilAsync(condition, timeout, () => what);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; the message is made only on failure, so it can say how far
    /// the condition got ("3 of 5 records").
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition().ConfigureAwait(false))
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(
                    $"timed out after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s waiting for {what()}");
            }

            await Task.Delay(Interval).ConfigureAwait(false);
        }
    }

    /// <summary>The blocking form, for synchronous tests.</summary>
    public static void Until(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(condition, timeout, () => what).GetAwaiter().GetResult();

    /// <inheritdoc cref="Until(Func{bool}, TimeSpan, string)"/>
    public static void Until(Func<bool> condition, TimeSpan timeout, Func<string> what) =>
        UntilAsync(condition, timeout, what).GetAwaiter().GetResult();
}

namespace CallSync.Records.Tests.Support;

/// <summary>Waits for a condition signalled by the code under test, with a hard bound.</summary>
public static class Eventually
{
    /// <summary>Checks <paramref name="condition"/> every 20 ms until it holds or <paramref name="timeout"/> passes (for effects of real network peers).</summary>
    public static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return condition();
            }

            await Task.Delay(20);
        }

        return true;
    }
}

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>Polls a condition that another process or loop makes true, bounded by a real-time deadline.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => TrueAsync(condition, timeout, () => what);

    /// <summary>As above, with the failure message made when it fails (so it can say how far the condition got).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting for " + what());
            }

            await Task.Delay(25);
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace CallSync.Flash.Tests.Support;

/// <summary>Drives a task that waits on a fake clock: advances the clock a second at a time until the task ends.</summary>
internal static class FakeTime
{
    /// <summary>Gives up (fails the test) after this much fake time: far beyond any gate in the tests.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        var start = time.GetUtcNow();
        while (!task.IsCompleted)
        {
            Assert.True(time.GetUtcNow() - start < Limit, "the operation did not end within an hour of fake time");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        return await task;
    }
}

using CallSync.Testing.Waiting;

namespace CallSync.Testing.Tests.Support;

public sealed class EventuallyTests
{
    [Fact]
    public async Task UntilAsync_ConditionBecomesTrue_Returns()
    {
        var calls = 0;

        await Eventually.UntilAsync(() => ++calls >= 3, TimeSpan.FromSeconds(10), "three calls");

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task UntilAsync_ConditionNeverTrue_ThrowsSayingWhatAndHowFarItGot()
    {
        var seen = 0;

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.UntilAsync(() => ++seen < 0, TimeSpan.FromMilliseconds(100), () => $"a negative count (last {seen})"));

        Assert.StartsWith("timed out after 0.1 s waiting for a negative count (last ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(last 0)", error.Message, StringComparison.Ordinal);
    }
}

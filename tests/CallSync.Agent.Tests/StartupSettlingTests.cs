using CallSync.Agent.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Agent.Tests;

/// <summary>When the start-up memory trim may run: healthy and idle after the least wait, or idle once the limit has passed; never in a call.</summary>
public sealed class StartupSettlingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly DateTimeOffset _start;

    public StartupSettlingTests() => _start = _time.GetUtcNow();

    private TimeSpan Elapsed => _time.GetUtcNow() - _start;

    // Each look at the status advances the fake clock by the pause, as the real delay would.
    private Task<Settled> Wait(Func<IReadOnlyList<string>> problems, Func<bool> idle, CancellationToken cancellationToken = default) =>
        StartupSettling.WaitAsync(problems, idle, _time, Limit, (pause, _) => { _time.Advance(pause); return Task.CompletedTask; }, cancellationToken);

    [Fact]
    public async Task HealthyAndIdleAtOnce_SettlesAfterTheLeastWait()
    {
        var settled = await Wait(() => [], () => true);

        Assert.Equal(StartupSettling.Minimum, settled.Waited);
        Assert.Null(settled.Problem);
    }

    [Fact]
    public async Task BrokerConnectsAfterFiveSeconds_SettlesThenHealthy()
    {
        var settled = await Wait(() => Elapsed < TimeSpan.FromSeconds(5) ? ["mqtt: not connected to mqtts://hub:8883"] : [], () => true);

        Assert.Equal(TimeSpan.FromSeconds(5), settled.Waited);
        Assert.Null(settled.Problem);
    }

    [Fact]
    public async Task ProblemOutlastsTheLimit_SettlesAtTheLimitAndSaysWhy()
    {
        var settled = await Wait(() => ["mqtt: not connected to mqtts://hub:8883", "sip: not registered"], () => true);

        Assert.Equal(Limit, settled.Waited);
        Assert.Equal("mqtt: not connected to mqtts://hub:8883; sip: not registered", settled.Problem);
    }

    [Fact]
    public async Task CallUpPastTheLimit_WaitsForTheCallToEnd()
    {
        var callEnds = TimeSpan.FromSeconds(95);

        var settled = await Wait(() => [], () => Elapsed >= callEnds);

        Assert.Equal(callEnds, settled.Waited);
        Assert.Null(settled.Problem);
    }

    [Fact]
    public async Task AgentStopsWhileWaiting_WaitIsCancelled()
    {
        using var stopping = new CancellationTokenSource();
        var wait = StartupSettling.WaitAsync(() => ["mqtt: not connected to mqtts://hub:8883"], () => true, _time, Limit, stopping.Token);
        Assert.False(wait.IsCompleted);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}

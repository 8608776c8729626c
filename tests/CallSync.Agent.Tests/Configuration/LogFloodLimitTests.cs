using CallSync.Configuration.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CallSync.Agent.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Agent.Tests.Configuration;

public sealed class LogFloodLimitTests
{
    [Fact]
    public void TryPass_FloodOfOneKind_BurstPassesThenOneCountedLinePerInterval()
    {
        var time = new FakeTimeProvider();
        var gate = new LogFloodGate(time, burst: 3, interval: TimeSpan.FromMinutes(1));

        var passed = Enumerable.Range(0, 1000).Count(i => gate.TryPass("CallSync.Sip", 1001, out _));
        Assert.Equal(3, passed);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(gate.TryPass("CallSync.Sip", 1001, out var heldBack));
        Assert.Equal(997, heldBack);
        Assert.True(gate.TryPass("CallSync.Sip", 1001, out heldBack));
        Assert.Equal(0, heldBack);
    }

    [Fact]
    public void TryPass_OtherKindDuringFlood_Passes()
    {
        var gate = new LogFloodGate(new FakeTimeProvider(), burst: 2);
        for (var i = 0; i < 100; i++)
        {
            gate.TryPass("CallSync.Sip", 1001, out _);
        }

        Assert.True(gate.TryPass("CallSync.Sip", 1002, out _));
        Assert.True(gate.TryPass("CallSync.Records", 1001, out _));
    }

    [Fact]
    public void AddFloodLimit_TenThousandLinesOfOneKind_FewLinesWrittenAndTheNextErrorKept()
    {
        var time = new FakeTimeProvider();
        var capture = new LogCapture();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture).AddFloodLimit(linesPerMinute: 10));
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("CallSync.Sip.Transport");

        for (var i = 0; i < 10_000; i++)
        {
            logger.LogWarning(new EventId(1001, "DroppedMalformed"), "Dropped a malformed datagram {Index}", i);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug(new EventId(1001, "DroppedMalformed"), "asked for on purpose {Index}", i);
            }
        }

        logger.LogError(new EventId(1099, "Real"), "the next real error");
        time.Advance(TimeSpan.FromMinutes(1));
        logger.LogWarning(new EventId(1001, "DroppedMalformed"), "Dropped a malformed datagram {Index}", -1);

        var lines = capture.Lines;
        Assert.Equal(10 + 1, lines.Count(l => l.Message.StartsWith("Dropped a malformed datagram", StringComparison.Ordinal))); // the burst, then the one after the interval
        Assert.Contains(lines, l => l.Level == LogLevel.Error && l.Message == "the next real error");
        var summary = Assert.Single(lines, l => l.Message.Contains("more lines like", StringComparison.Ordinal));
        Assert.StartsWith("9990 more lines like the next one (event 1001 DroppedMalformed)", summary.Message, StringComparison.Ordinal);
        Assert.Equal("Dropped a malformed datagram -1", lines[^1].Message);
        Assert.Equal(10_000, lines.Count(l => l.Level == LogLevel.Debug));
    }
}

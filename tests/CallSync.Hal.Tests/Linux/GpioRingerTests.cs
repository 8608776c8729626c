using CallSync.Hal.Linux.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hal.Tests.Linux;

public sealed class GpioRingerTests
{
    private static readonly TimeSpan On = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Off = TimeSpan.FromSeconds(4);

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingOutputs _outputs = new();

    private GpioRinger Ringer(int index = 0) => new(_outputs, index, On, Off, _time, NullLogger.Instance);

    [Fact]
    public void Start_FollowsTheOnOffCadence()
    {
        using var ringer = Ringer();

        ringer.Start();
        Assert.True(ringer.IsRinging);
        Assert.True(_outputs[0]);
        _time.Advance(On - TimeSpan.FromMilliseconds(1));
        Assert.True(_outputs[0]);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(_outputs[0]);
        _time.Advance(Off - TimeSpan.FromMilliseconds(1));
        Assert.False(_outputs[0]);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_outputs[0]);
        _time.Advance(On);
        Assert.False(_outputs[0]);
        Assert.Equal([true, false, true, false], _outputs.Writes.Select(w => w.Active));
    }

    [Fact]
    public void Stop_SilencesAndStopsTheCadence()
    {
        using var ringer = Ringer();
        ringer.Start();
        _time.Advance(TimeSpan.FromSeconds(1));

        ringer.Stop();
        int writes = _outputs.Writes.Count;
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(ringer.IsRinging);
        Assert.False(_outputs[0]);
        Assert.Equal(writes, _outputs.Writes.Count);
    }

    [Fact]
    public void Start_WhileRinging_DoesNotRestartTheCadence()
    {
        using var ringer = Ringer();
        ringer.Start();
        _time.Advance(TimeSpan.FromSeconds(1.5));

        ringer.Start();
        _time.Advance(TimeSpan.FromSeconds(0.5));

        Assert.False(_outputs[0]);
    }

    [Fact]
    public void Stop_WhenSilent_WritesNothing()
    {
        using var ringer = Ringer();

        ringer.Stop();

        Assert.Empty(_outputs.Writes);
    }

    [Fact]
    public void Start_WithoutRingerLine_RingsLogicallyDrivesNothing()
    {
        using var ringer = Ringer(index: -1);

        ringer.Start();
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(ringer.IsRinging);
        Assert.Empty(_outputs.Writes);
    }
}

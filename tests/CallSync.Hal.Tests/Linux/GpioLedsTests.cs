using CallSync.Hal.Linux.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hal.Tests.Linux;

public sealed class GpioLedsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingOutputs _outputs = new();

    private GpioLeds Leds() => new(_outputs, new Dictionary<Led, int> { [Led.Line] = 0, [Led.Recording] = 1 }, _time, NullLogger.Instance);

    [Fact]
    public void Set_OnAndOff_DrivesTheLine()
    {
        using var leds = Leds();

        leds.Set(Led.Line, LedState.On);
        Assert.True(_outputs[0]);
        leds.Set(Led.Line, LedState.Off);
        Assert.False(_outputs[0]);
        Assert.Equal(LedState.Off, leds.Get(Led.Line));
    }

    [Fact]
    public void Set_Blinking_TogglesEveryHalfPeriodUntilSteady()
    {
        using var leds = Leds();

        leds.Set(Led.Line, LedState.Blinking);
        Assert.True(_outputs[0]);
        _time.Advance(GpioLeds.BlinkHalfPeriod);
        Assert.False(_outputs[0]);
        _time.Advance(GpioLeds.BlinkHalfPeriod);
        Assert.True(_outputs[0]);

        leds.Set(Led.Line, LedState.Off);
        int writes = _outputs.Writes.Count;
        _time.Advance(GpioLeds.BlinkHalfPeriod * 4);
        Assert.False(_outputs[0]);
        Assert.Equal(writes, _outputs.Writes.Count);
    }

    [Fact]
    public void Set_TwoBlinking_BlinkInStep()
    {
        using var leds = Leds();

        leds.Set(Led.Line, LedState.Blinking);
        _time.Advance(GpioLeds.BlinkHalfPeriod);
        leds.Set(Led.Recording, LedState.Blinking);
        Assert.Equal(_outputs[0], _outputs[1]);
        _time.Advance(GpioLeds.BlinkHalfPeriod);
        Assert.Equal(_outputs[0], _outputs[1]);
    }

    [Fact]
    public void Set_LedWithoutLine_KeepsStateDrivesNothing()
    {
        using var leds = Leds();

        leds.Set(Led.MessageWaiting, LedState.On);

        Assert.Equal(LedState.On, leds.Get(Led.MessageWaiting));
        Assert.Empty(_outputs.Writes);
    }

    [Fact]
    public void Set_LineFails_StateKeptAndNoThrow()
    {
        using var leds = Leds();
        _outputs.FailNext = true;

        leds.Set(Led.Line, LedState.On);

        Assert.Equal(LedState.On, leds.Get(Led.Line));
    }

    [Fact]
    public void Dispose_TurnsEveryLedOffAndStopsBlinking()
    {
        var leds = Leds();
        leds.Set(Led.Line, LedState.Blinking);
        leds.Set(Led.Recording, LedState.On);

        leds.Dispose();
        int writes = _outputs.Writes.Count;
        _time.Advance(GpioLeds.BlinkHalfPeriod * 3);

        Assert.False(_outputs[0]);
        Assert.False(_outputs[1]);
        Assert.Equal(writes, _outputs.Writes.Count);
    }
}

using CallSync.Hal.Simulated;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hal.Tests;

public sealed class SimulatedBoardTests : IDisposable
{
    private readonly SimulatedBoard _board = new(
        new SimulatedAudioDevice(new SilenceSource(), new NullSink(), 8000, new FakeTimeProvider(), NullLogger<SimulatedAudioDevice>.Instance),
        NullLoggerFactory.Instance);

    public void Dispose() => _board.Dispose();

    [Fact]
    public void Keypad_Press_RaisesOneEventPerKeyInOrder()
    {
        var keys = new List<char>();
        ((IBoard)_board).Keypad.KeyPressed += (_, e) => keys.Add(e.Key);
        _board.Keypad.Press("10*#S");
        Assert.Equal("10*#S", new string([.. keys]));
    }

    [Fact]
    public void Keypad_InvalidKey_PressesNothing()
    {
        var pressed = 0;
        _board.Keypad.KeyPressed += (_, _) => pressed++;
        Assert.Throws<ArgumentException>(() => _board.Keypad.Press("12a"));
        Assert.Equal(0, pressed);
    }

    [Fact]
    public void Hook_Set_RaisesOnlyOnChange()
    {
        var changes = new List<bool>();
        _board.Hook.Changed += (_, e) => changes.Add(e.IsOffHook);
        _board.Hook.Set(true);
        _board.Hook.Set(true);
        _board.Hook.Set(false);
        Assert.Equal([true, false], changes);
        Assert.False(_board.Hook.IsOffHook);
    }

    [Fact]
    public void Leds_Set_IsReadableAndRaisesOnChange()
    {
        var changes = new List<(Led, LedState)>();
        _board.Leds.Changed += (_, e) => changes.Add((e.Led, e.State));
        _board.Leds.Set(Led.Recording, LedState.On);
        _board.Leds.Set(Led.Recording, LedState.On);
        _board.Leds.Set(Led.MessageWaiting, LedState.Blinking);
        Assert.Equal(LedState.On, _board.Leds.Get(Led.Recording));
        Assert.Equal(LedState.Blinking, _board.Leds.Get(Led.MessageWaiting));
        Assert.Equal(LedState.Off, _board.Leds.Get(Led.Line));
        Assert.Equal([(Led.Recording, LedState.On), (Led.MessageWaiting, LedState.Blinking)], changes);
    }

    [Fact]
    public void Ringer_StartStop_TracksState()
    {
        _board.Ringer.Start();
        Assert.True(_board.Ringer.IsRinging);
        _board.Ringer.Stop();
        Assert.False(_board.Ringer.IsRinging);
    }

    [Fact]
    public void Display_LongText_IsCutToTheColumns()
    {
        _board.Display.Show(0, new string('x', 40));
        Assert.Equal(SimulatedDisplay.Columns, _board.Display.Get(0).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => _board.Display.Show(2, "no such line"));
    }

    [Theory]
    [InlineData("key 1002S", BoardCommandKind.Keys, "1002S")]
    [InlineData("  hook   off ", BoardCommandKind.HookOff, "")]
    [InlineData("hook on", BoardCommandKind.HookOn, "")]
    [InlineData("show", BoardCommandKind.Show, "")]
    public void BoardCommand_ValidLine_Parses(string line, BoardCommandKind kind, string argument)
    {
        Assert.True(BoardCommand.TryParse(line, out var command, out var error), error);
        Assert.Equal(kind, command!.Kind);
        Assert.Equal(argument, command.Argument);
    }

    [Theory]
    [InlineData("", "empty command")]
    [InlineData("key 12z", "not a key")]
    [InlineData("hook sideways", "unknown board command")]
    [InlineData("dance", "unknown board command")]
    public void BoardCommand_BadLine_SaysWhy(string line, string reason)
    {
        Assert.False(BoardCommand.TryParse(line, out var command, out var error));
        Assert.Null(command);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_CommandsDriveTheBoard()
    {
        var keys = "";
        _board.Keypad.KeyPressed += (_, e) => keys += e.Key;
        Assert.True(BoardCommand.TryParse("key 42#", out var press, out _));
        _board.Apply(press!);
        Assert.True(BoardCommand.TryParse("hook off", out var lift, out _));
        _board.Apply(lift!);
        Assert.Equal("42#", keys);
        Assert.True(_board.Hook.IsOffHook);
        Assert.Contains("off-hook", _board.Describe(), StringComparison.Ordinal);
    }
}

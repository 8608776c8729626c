using CallSync.Agent.Media;
using CallSync.Hal;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Agent.Tests.Media;

public sealed class LineClockTests
{
    private sealed class CountingHandler : IAudioFrameHandler
    {
        public int Frames { get; private set; }

        public bool AllSilent { get; private set; } = true;

        public void OnFrame(ReadOnlySpan<short> captured, Span<short> playback)
        {
            Frames++;
            AllSilent &= !captured.ContainsAnyExcept((short)0) && captured.Length == 160;
            playback.Fill(1234); // whatever the call plays goes nowhere
        }
    }

    [Fact]
    public void Tick_EveryTwentyMilliseconds_SilentFramesUntilDisposed()
    {
        var time = new FakeTimeProvider();
        var handler = new CountingHandler();
        var clock = new LineClock(handler, 160, time);

        for (var i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        clock.Dispose();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(50, handler.Frames);
        Assert.True(handler.AllSilent);
    }
}

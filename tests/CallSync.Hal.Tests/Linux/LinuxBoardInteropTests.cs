using CallSync.Hal.Linux;
using CallSync.Hal.Linux.Audio;
using CallSync.Testing.Audio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hal.Tests.Linux;

/// <summary>The whole board on a machine without GPIO: ALSA through the file plugin, no lines, a display file.</summary>
[Collection(AlsaCollection.Name)]
[Trait("Category", "Interop")]
public sealed class LinuxBoardInteropTests(AlsaFixture alsa)
{
    private sealed class CountingHandler(int expected) : IAudioFrameHandler
    {
        private int _count;

        public double TonePower { get; private set; }

        public ManualResetEventSlim Done { get; } = new();

        public void OnFrame(ReadOnlySpan<short> captured, Span<short> playback)
        {
            if (++_count == expected)
            {
                TonePower = Goertzel.Power(captured, AlsaFixture.ToneHz, 16000) / (Goertzel.Power(captured, 1000, 16000) + 1);
                Done.Set();
            }
        }
    }

    [Fact]
    public void Open_NoLinesConfigured_AudioDisplayAndInertGpioWork()
    {
        var displayPath = Path.Combine(alsa.Directory, "display.txt");
        var options = new LinuxBoardOptions
        {
            Audio = new AlsaAudioOptions(AlsaFixture.ToneDevice(16000), "null", 16000),
            GpioChip = "/dev/gpiochip-callsync-missing", // never opened: no line is configured
            DisplayPath = displayPath,
        };
        var time = new FakeTimeProvider();

        using var board = LinuxBoard.Open(options, time, NullLoggerFactory.Instance);
        IBoard seam = board;

        Assert.Equal("linux", seam.Kind);
        Assert.Equal(16000, seam.Audio.SampleRate);
        Assert.Equal(320, seam.Audio.FrameSamples);
        Assert.False(seam.Hook.IsOffHook);

        var handler = new CountingHandler(10);
        using (seam.Audio.Start(handler))
        {
            Assert.True(handler.Done.Wait(TimeSpan.FromSeconds(20)));
        }

        Assert.True(handler.TonePower > 100);

        seam.Display.Show(0, "1001  ready");
        Assert.Equal("1001  ready\n\n", File.ReadAllText(displayPath));

        seam.Ringer.Start();
        seam.Leds.Set(Led.Line, LedState.Blinking);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(seam.Ringer.IsRinging);
        Assert.Equal(LedState.Blinking, seam.Leds.Get(Led.Line));
        Assert.StartsWith(
            "hook: on-hook; ringer: ringing; LEDs: Recording Off, MessageWaiting Off, Line Blinking; display: \"1001  ready\" / \"\"; audio: ",
            board.Describe());
        Assert.EndsWith("frames, 0 capture overruns, 0 playback underruns, 0 playback samples dropped", board.Describe());
    }

    [Fact]
    public void Open_InvalidOptions_ThrowsNamingTheProperty()
    {
        var options = new LinuxBoardOptions { Audio = new AlsaAudioOptions(SampleRate: 22050) };

        var error = Assert.Throws<ArgumentException>(() => LinuxBoard.Open(options, TimeProvider.System, NullLoggerFactory.Instance));

        Assert.StartsWith("Audio.SampleRate: 22050 is not supported", error.Message);
    }
}

using CallSync.Hal.Simulated;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Goertzel = CallSync.Testing.Audio.Goertzel;

namespace CallSync.Hal.Tests;

public sealed class SimulatedAudioDeviceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-hal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class RecordingHandler : IAudioFrameHandler
    {
        public List<short[]> Captured { get; } = [];

        public short Fill { get; set; } = 1000;

        public void OnFrame(ReadOnlySpan<short> captured, Span<short> playback)
        {
            Captured.Add(captured.ToArray());
            playback.Fill(Fill);
        }
    }

    private static SimulatedAudioDevice Device(IAudioSource mic, IAudioSink speaker, FakeTimeProvider time, int rate = 8000) =>
        new(mic, speaker, rate, time, NullLogger<SimulatedAudioDevice>.Instance);

    [Fact]
    public void Start_FakeClockAdvancedOneFramePeriod_DeliversExactlyOneFrame()
    {
        var time = new FakeTimeProvider();
        using var device = Device(new SilenceSource(), new NullSink(), time);
        var handler = new RecordingHandler();
        using var run = device.Start(handler);

        time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.Empty(handler.Captured);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(handler.Captured);
        Assert.Equal(160, handler.Captured[0].Length);
    }

    [Fact]
    public void Start_ClockJumpsAhead_CatchesUpWithoutDrift()
    {
        var time = new FakeTimeProvider();
        using var device = Device(new SilenceSource(), new NullSink(), time, 16000);
        var handler = new RecordingHandler();
        using var run = device.Start(handler);

        // One timer callback for 100 ms of clock: all five frames due are delivered.
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(5, handler.Captured.Count);
        Assert.All(handler.Captured, frame => Assert.Equal(320, frame.Length));
    }

    [Fact]
    public void Dispose_OfRun_StopsFramesAndAllowsRestart()
    {
        var time = new FakeTimeProvider();
        using var device = Device(new SilenceSource(), new NullSink(), time);
        var handler = new RecordingHandler();
        var run = device.Start(handler);
        time.Advance(TimeSpan.FromMilliseconds(40));
        run.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(2, handler.Captured.Count);

        using var again = device.Start(handler);
        time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(3, handler.Captured.Count);
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        var time = new FakeTimeProvider();
        using var device = Device(new SilenceSource(), new NullSink(), time);
        using var run = device.Start(new RecordingHandler());
        Assert.Throws<InvalidOperationException>(() => device.Start(new RecordingHandler()));
    }

    [Fact]
    public void TryStart_WhileStarted_ReturnsFalseUntilTheFirstRunEnds()
    {
        var time = new FakeTimeProvider();
        using var device = Device(new SilenceSource(), new NullSink(), time);
        Assert.True(device.TryStart(new RecordingHandler(), out var first));

        Assert.False(device.TryStart(new RecordingHandler(), out var second));
        Assert.Null(second);

        first.Dispose();
        Assert.True(device.TryStart(new RecordingHandler(), out var third));
        third.Dispose();
    }

    [Fact]
    public void Microphone_Tone_CarriesItsFrequency()
    {
        var time = new FakeTimeProvider();
        using var device = Device(new ToneSource(400, 8000), new NullSink(), time);
        var handler = new RecordingHandler();
        using var run = device.Start(handler);
        time.Advance(TimeSpan.FromMilliseconds(200));

        var samples = handler.Captured.SelectMany(f => f).ToArray();
        Assert.Equal(1600, samples.Length);
        var at400 = Goertzel.Power(samples, 400, 8000);
        var at1000 = Goertzel.Power(samples, 1000, 8000);
        Assert.True(at400 > 1000 * at1000, $"400 Hz power {at400} should dwarf 1 kHz power {at1000}");
    }

    [Fact]
    public void Speaker_WavSink_WritesWhatTheHandlerPlayed()
    {
        var path = Path.Combine(_dir, "speaker.wav");
        var time = new FakeTimeProvider();
        var handler = new RecordingHandler { Fill = -1234 };
        using (var device = Device(new SilenceSource(), new WavSink(path, 8000), time))
        {
            using var run = device.Start(handler);
            time.Advance(TimeSpan.FromMilliseconds(60));
        }

        var wav = WavFile.Read(path);
        Assert.Equal(8000, wav.SampleRate);
        Assert.Equal(480, wav.Samples.Length);
        Assert.All(wav.Samples, s => Assert.Equal(-1234, s));
    }

    [Fact]
    public void Microphone_WavSource_LoopsTheFile()
    {
        var path = Path.Combine(_dir, "mic.wav");
        using (var sink = new WavSink(path, 8000))
        {
            sink.Write([1, 2, 3]);
        }

        var source = WavSource.Open(path, 8000);
        var frame = new short[7];
        source.Read(frame);
        Assert.Equal(new short[] { 1, 2, 3, 1, 2, 3, 1 }, frame);
    }

    [Fact]
    public void WavSource_WrongRate_IsRefusedWithTheReason()
    {
        var path = Path.Combine(_dir, "mic16k.wav");
        using (var sink = new WavSink(path, 16000))
        {
            sink.Write([1]);
        }

        var error = Assert.Throws<InvalidDataException>(() => WavSource.Open(path, 8000));
        Assert.Contains("16000 Hz, expected 8000 Hz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WavFile_NotAWav_IsRefused()
    {
        var path = Path.Combine(_dir, "junk.wav");
        File.WriteAllText(path, "this is not audio");
        Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
    }
}

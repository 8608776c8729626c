using CallSync.Hal.Linux.Audio;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hal.Tests.Linux;

/// <summary>The audio thread's frame assembly, xrun recovery and counters, against scripted PCMs.</summary>
public sealed class AlsaAudioDeviceLoopTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly FakePcmStream _capture = new("mic");
    private readonly FakePcmStream _playback = new("speaker");
    private readonly AlsaAudioDevice _device;

    public AlsaAudioDeviceLoopTests() =>
        _device = new AlsaAudioDevice(_capture, _playback, 8000, clock: null, NullLogger<AlsaAudioDevice>.Instance);

    public void Dispose() => _device.Dispose();

    private sealed class Handler(int expected, Action<int>? onFrame = null) : IAudioFrameHandler
    {
        public List<short[]> Frames { get; } = [];

        public ManualResetEventSlim Done { get; } = new();

        public void OnFrame(ReadOnlySpan<short> captured, Span<short> playback)
        {
            Frames.Add(captured.ToArray());
            playback.Fill((short)Frames.Count);
            onFrame?.Invoke(Frames.Count);
            if (Frames.Count == expected)
            {
                Done.Set();
            }
        }
    }

    private Handler RunUntil(int frames, Action<int>? onFrame = null)
    {
        var handler = new Handler(frames, onFrame);
        using (_device.Start(handler))
        {
            Assert.True(handler.Done.Wait(Bound), $"fewer than {frames} frames arrived");
        }

        return handler;
    }

    [Fact]
    public void Start_PartialReads_AssemblesWholeFramesInOrder()
    {
        _capture.Reads(100, 60, 50, 110);

        var handler = RunUntil(2);

        Assert.Equal(Enumerable.Range(0, 160).Select(i => (short)i), handler.Frames[0]);
        Assert.Equal(Enumerable.Range(160, 160).Select(i => (short)i), handler.Frames[1]);
    }

    [Fact]
    public void Start_CaptureOverrun_RecoversCountsAndDropsThePartialFrame()
    {
        _capture.Reads(160, 100, -32, 160);

        var handler = RunUntil(2);

        Assert.Equal([-32], _capture.Recovered);
        Assert.Equal(1, _device.CaptureOverruns);
        // The 100 samples read before the overrun were stale and thrown away.
        Assert.Equal(Enumerable.Range(260, 160).Select(i => (short)i), handler.Frames[1]);
    }

    [Fact]
    public void Start_UnrecoverableCaptureError_EndsTheRunAndAllowsAnotherStart()
    {
        _capture.Reads(-19);
        _capture.RecoverResult = -19;

        var run = _device.Start(new Handler(1));
        Assert.True(_capture.DroppedEvent.Wait(Bound), "the audio thread did not end");
        run.Dispose();

        _capture.RecoverResult = 0;
        _capture.Reads(160);
        var handler = RunUntil(1);
        Assert.Single(handler.Frames);
        Assert.Equal(2, _capture.Prepared);
    }

    [Fact]
    public void Start_PlaybackUnderrun_RecoversAndWritesTheFrameAgain()
    {
        _capture.Reads(160, 160);
        _playback.Writes(-32);

        RunUntil(2);

        Assert.Equal([-32], _playback.Recovered);
        Assert.Equal(1, _device.PlaybackUnderruns);
        Assert.Equal(2, _playback.Written.Count);
        Assert.All(_playback.Written[0], sample => Assert.Equal(1, sample));
        Assert.Equal(0, _device.PlaybackSamplesDropped);
    }

    [Fact]
    public void Start_PlaybackBufferFull_DropsTheFrameAndKeepsCapturing()
    {
        _capture.Reads(160, 160, 160);
        _playback.Writes(-11, 100);

        RunUntil(3);

        Assert.Equal(160 + 60, _device.PlaybackSamplesDropped);
        Assert.Equal(3, _device.FramesDelivered);
        Assert.Empty(_playback.Recovered);
    }

    [Fact]
    public void Start_HandlerThrows_PlaysSilenceAndDeliversTheNextFrame()
    {
        _capture.Reads(160, 160);

        RunUntil(2, frame =>
        {
            if (frame == 1)
            {
                throw new InvalidOperationException("handler bug");
            }
        });

        Assert.All(_playback.Written[0], sample => Assert.Equal(0, sample));
        Assert.All(_playback.Written[1], sample => Assert.Equal(2, sample));
    }

    [Fact]
    public void Dispose_OfRunFromTheHandler_EndsTheRunWithoutDeadlock()
    {
        _capture.Reads(160, 160, 160);
        IDisposable? run = null;
        using var started = new ManualResetEventSlim();
        var handler = new Handler(1, _ =>
        {
            // The first frame can arrive before Start has returned the run.
            Assert.True(started.Wait(Bound));
            run!.Dispose();
        });

        run = _device.Start(handler);
        started.Set();

        Assert.True(_capture.DroppedEvent.Wait(Bound), "the audio thread did not end");
        Assert.Single(handler.Frames);
    }

    [Fact]
    public void Dispose_OfDeviceFromTheHandler_ClosesTheStreamsOnlyAfterTheThreadStops()
    {
        _capture.Reads(160, 160, 160);
        using var started = new ManualResetEventSlim();
        bool closedDuringHandler = true;
        var handler = new Handler(1, _ =>
        {
            Assert.True(started.Wait(Bound));
            _device.Dispose();
            closedDuringHandler = _capture.Disposed;
        });

        using var run = _device.Start(handler);
        started.Set();

        Assert.True(_capture.DisposedEvent.Wait(Bound), "the streams were not closed after the thread ended");
        Assert.True(_playback.DisposedEvent.Wait(Bound));
        Assert.False(closedDuringHandler);
        Assert.Single(handler.Frames);
    }

    [Fact]
    public void Dispose_OfDevice_StopsTheRunAndClosesBothStreams()
    {
        var run = _device.Start(new Handler(1));

        _device.Dispose();

        Assert.True(_capture.DroppedEvent.IsSet);
        Assert.True(_capture.Disposed);
        Assert.True(_playback.Disposed);
        Assert.Throws<ObjectDisposedException>(() => _device.Start(new Handler(1)));
        run.Dispose();
    }
}

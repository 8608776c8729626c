using CallSync.Hal.Linux.Audio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hal.Tests.Linux;

/// <summary>Clock pacing for PCMs without a clock: one frame per 20 ms of a fake clock, however fast the PCM reads.</summary>
public sealed class AlsaAudioDevicePacingTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider _time = new();
    private readonly FakePcmStream _capture = new("mic");
    private readonly FakePcmStream _playback = new("speaker");
    private readonly AlsaAudioDevice _device;

    public AlsaAudioDevicePacingTests()
    {
        // Far more audio than the clock allows: an unpaced loop would deliver all of it at once.
        _capture.Reads([.. Enumerable.Repeat(160L, 100)]);
        _device = new AlsaAudioDevice(_capture, _playback, 8000, _time, NullLogger<AlsaAudioDevice>.Instance);
    }

    public void Dispose() => _device.Dispose();

    private sealed class Counter : IAudioFrameHandler
    {
        private readonly SemaphoreSlim _frames = new(0);
        private readonly ManualResetEventSlim _open = new(true);
        private readonly ManualResetEventSlim _entered = new(false);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void OnFrame(ReadOnlySpan<short> captured, Span<short> playback)
        {
            _entered.Set();
            _open.Wait(Bound);
            Interlocked.Increment(ref _count);
            _frames.Release();
        }

        /// <summary>Holds the audio thread inside its next frame, so ticks pile up deterministically.</summary>
        public void Hold()
        {
            _entered.Reset();
            _open.Reset();
        }

        public bool WaitHeld() => _entered.Wait(Bound);

        public void Release() => _open.Set();

        public bool WaitFrame() => _frames.Wait(Bound);
    }

    [Fact]
    public void Start_ClockPaced_OneFramePerPeriodAndNoneAhead()
    {
        var handler = new Counter();
        using (_device.Start(handler))
        {
            for (int i = 1; i <= 3; i++)
            {
                _time.Advance(AlsaAudioDevice.FramePeriod);
                Assert.True(handler.WaitFrame(), $"frame {i} did not arrive");
                Assert.Equal(i, handler.Count);
            }
        }

        Assert.Equal(3, handler.Count);
        Assert.Equal(3, _device.FramesDelivered);
        Assert.True(_device.PacedByClock);
    }

    [Fact]
    public void Start_ClockJumpsAhead_CatchesUpAtMostTheOwedLimit()
    {
        var handler = new Counter();
        using (_device.Start(handler))
        {
            // The audio thread sits in one frame while the clock jumps 25 periods: only MaxOwedTicks of them stay owed.
            handler.Hold();
            _time.Advance(AlsaAudioDevice.FramePeriod);
            Assert.True(handler.WaitHeld(), "the first frame did not start");
            _time.Advance(AlsaAudioDevice.FramePeriod * 25);
            handler.Release();
            for (int i = 0; i < 1 + AlsaAudioDevice.MaxOwedTicks; i++)
            {
                Assert.True(handler.WaitFrame());
            }

            _time.Advance(AlsaAudioDevice.FramePeriod);
            Assert.True(handler.WaitFrame());
        }

        Assert.Equal(1 + AlsaAudioDevice.MaxOwedTicks + 1, handler.Count);
    }
}

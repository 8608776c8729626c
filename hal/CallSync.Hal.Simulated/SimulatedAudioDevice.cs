using System.Diagnostics.CodeAnalysis;
using CallSync.Hal.Timing;
using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Simulated;

/// <summary>
/// A handset whose microphone plays an <see cref="IAudioSource"/> and whose speaker writes to an
/// <see cref="IAudioSink"/>, paced by a <see cref="FrameClock"/>: with a fake clock each 20 ms the test
/// advances delivers exactly one frame; with the system clock a dedicated thread delivers each frame at its
/// absolute deadline, and frames owed after a stall late and in order, so the stream never drifts or skips.
/// </summary>
public sealed class SimulatedAudioDevice : IAudioDevice, IDisposable
{
    /// <summary>The frame period every audio device here uses.</summary>
    public static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(20);

    private readonly IAudioSource _microphone;
    private readonly IAudioSink _speaker;
    private readonly TimeProvider _time;
    private readonly ILogger<SimulatedAudioDevice> _logger;
    private readonly FrameClockOptions? _clockOptions;
    private readonly Lock _gate = new();
    private readonly short[] _captured;
    private readonly short[] _playback;
    private Run? _run;
    private long _framesDelivered;

    /// <summary>Creates the device; nothing runs until <see cref="TryStart"/>.</summary>
    /// <param name="microphone">What the microphone hears.</param>
    /// <param name="speaker">Where the speaker's samples go.</param>
    /// <param name="sampleRate">8000 or 16000.</param>
    /// <param name="time">The clock that paces the frames.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="clockOptions">Frame clock options (priority, catch-up limit); defaults when null.</param>
    public SimulatedAudioDevice(IAudioSource microphone, IAudioSink speaker, int sampleRate, TimeProvider time,
        ILogger<SimulatedAudioDevice> logger, FrameClockOptions? clockOptions = null)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "expected 8000 or 16000");
        }

        _microphone = microphone;
        _speaker = speaker;
        _time = time;
        _logger = logger;
        _clockOptions = clockOptions;
        SampleRate = sampleRate;
        FrameSamples = sampleRate / 50;
        _captured = new short[FrameSamples];
        _playback = new short[FrameSamples];
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int FrameSamples { get; }

    /// <summary>Frames delivered since the device was made.</summary>
    public long FramesDelivered => Interlocked.Read(ref _framesDelivered);

    /// <inheritdoc />
    public bool TryStart(IAudioFrameHandler handler, [NotNullWhen(true)] out IDisposable? started)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            if (_run is not null)
            {
                started = null;
                return false;
            }

            var run = new Run(this, handler);
            _run = run;
            run.Clock = FrameClock.Start(run.Tick, _time, _clockOptions, _logger);
            started = run;
            return true;
        }
    }

    /// <summary>Stops the device if started and closes the speaker's sink.</summary>
    public void Dispose()
    {
        Run? run;
        lock (_gate)
        {
            run = _run;
            _run = null;
        }

        // Outside the lock: stopping waits for a frame in progress, which needs the lock.
        run?.Stop();
        lock (_gate)
        {
            _speaker.Dispose();
        }
    }

    private void Deliver(Run run)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_run, run))
            {
                return;
            }

            _microphone.Read(_captured);
            Array.Clear(_playback);
            try
            {
                run.Handler.OnFrame(_captured, _playback);
            }
#pragma warning disable CA1031 // A failing handler must not stop the device's clock; it is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SimulatedBoardLog.FrameHandlerFailed(_logger, ex);
            }

            _speaker.Write(_playback);
            Interlocked.Increment(ref _framesDelivered);
        }
    }

    private void Release(Run run)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_run, run))
            {
                _run = null;
            }
        }
    }

    private sealed class Run(SimulatedAudioDevice device, IAudioFrameHandler handler) : IDisposable
    {
        public IAudioFrameHandler Handler { get; } = handler;

        public FrameClock? Clock { get; set; }

        public void Tick(FrameTick tick) => device.Deliver(this);

        public void Stop() => Clock?.Dispose();

        public void Dispose()
        {
            Stop();
            device.Release(this);
        }
    }
}

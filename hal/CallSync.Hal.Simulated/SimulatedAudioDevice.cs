using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Simulated;

/// <summary>
/// A handset whose microphone plays an <see cref="IAudioSource"/> and whose speaker writes to an
/// <see cref="IAudioSink"/>, paced by a <see cref="TimeProvider"/>: with a fake clock each 20 ms the test
/// advances delivers exactly one frame; with the system clock the frames due since start are delivered on each
/// tick, so timer jitter never makes the stream drift.
/// </summary>
public sealed class SimulatedAudioDevice : IAudioDevice, IDisposable
{
    /// <summary>The frame period every audio device here uses.</summary>
    public static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(20);

    // After a stall (a paused debugger, a starved VM) deliver at most this many frames at once and skip the rest,
    // like a sound card that overran.
    private const int MaxCatchUpFrames = 10;

    private readonly IAudioSource _microphone;
    private readonly IAudioSink _speaker;
    private readonly TimeProvider _time;
    private readonly ILogger<SimulatedAudioDevice> _logger;
    private readonly Lock _gate = new();
    private readonly short[] _captured;
    private readonly short[] _playback;
    private Run? _run;
    private long _framesDelivered;

    /// <summary>Creates the device; nothing runs until <see cref="Start"/>.</summary>
    public SimulatedAudioDevice(IAudioSource microphone, IAudioSink speaker, int sampleRate, TimeProvider time,
        ILogger<SimulatedAudioDevice> logger)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "expected 8000 or 16000");
        }

        _microphone = microphone;
        _speaker = speaker;
        _time = time;
        _logger = logger;
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

            var run = new Run(this, handler, _time.GetTimestamp());
            _run = run;
            run.Timer = _time.CreateTimer(static state => ((Run)state!).Tick(), run, FramePeriod, FramePeriod);
            started = run;
            return true;
        }
    }

    /// <summary>Stops the device if started and closes the speaker's sink.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _run?.Stop();
            _run = null;
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

            var due = (long)(_time.GetElapsedTime(run.StartedAt) / FramePeriod);
            var missing = due - run.Delivered;
            if (missing > MaxCatchUpFrames)
            {
                run.Delivered = due - MaxCatchUpFrames;
            }

            while (run.Delivered < due)
            {
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
                run.Delivered++;
                Interlocked.Increment(ref _framesDelivered);
            }
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

    private sealed class Run(SimulatedAudioDevice device, IAudioFrameHandler handler, long startedAt) : IDisposable
    {
        public IAudioFrameHandler Handler { get; } = handler;

        public long StartedAt { get; } = startedAt;

        public long Delivered { get; set; }

        public ITimer? Timer { get; set; }

        public void Tick() => device.Deliver(this);

        public void Stop() => Timer?.Dispose();

        public void Dispose()
        {
            Stop();
            device.Release(this);
        }
    }
}

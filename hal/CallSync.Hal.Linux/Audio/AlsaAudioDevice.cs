using System.Diagnostics.CodeAnalysis;
using CallSync.Hal.Linux.Audio.Interop;
using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Audio;

/// <summary>
/// The handset's microphone and speaker through ALSA. One dedicated thread reads 20 ms frames of S16_LE mono from
/// the capture PCM, hands each to the <see cref="IAudioFrameHandler"/> and writes what it returns to the playback
/// PCM: the capture device's clock paces everything. Playback is non-blocking, so a speaker whose clock runs a
/// little slow drops a frame instead of stalling the microphone. Xruns are recovered with <c>snd_pcm_recover</c>
/// and counted. Nothing is allocated per frame.
/// </summary>
public sealed partial class AlsaAudioDevice : IAudioDevice, IDisposable
{
    /// <summary>The frame period of every audio device here.</summary>
    public static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(20);

    // Four 20 ms periods: snd_pcm_set_params splits the buffer into four, so each period is one frame (one wake-up
    // per frame) and playback starts once 80 ms are queued.
    internal static readonly TimeSpan BufferLatency = FramePeriod * 4;

    // How long one wait for capture data lasts: bounds how long stopping takes.
    internal static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(100);

    // With clock pacing, at most this many frames are owed after a stall (like the simulated device): the rest are skipped.
    internal const int MaxOwedTicks = 10;

    // Warn when the capture delivered nothing for this many wait slices (2 s): a stalled card, not a busy CPU.
    private const int StallSlices = 20;

    private readonly IPcmStream _capture;
    private readonly IPcmStream _playback;
    private readonly ILogger<AlsaAudioDevice> _logger;
    private readonly TimeProvider? _clock;
    private readonly Lock _gate = new();
    private readonly short[] _captured;
    private readonly short[] _played;
    private Run? _run;
    private bool _disposed;
    private long _frames;
    private long _overruns;
    private long _underruns;
    private long _dropped;

    /// <param name="capture">The microphone's PCM.</param>
    /// <param name="playback">The speaker's PCM.</param>
    /// <param name="sampleRate">8000 or 16000.</param>
    /// <param name="clock">Null: the capture PCM paces frames; else this clock releases one frame per 20 ms.</param>
    /// <param name="logger">Where stream events go.</param>
    internal AlsaAudioDevice(IPcmStream capture, IPcmStream playback, int sampleRate, TimeProvider? clock, ILogger<AlsaAudioDevice> logger)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "expected 8000 or 16000");
        }

        _capture = capture;
        _playback = playback;
        _logger = logger;
        _clock = clock;
        SampleRate = sampleRate;
        FrameSamples = sampleRate / 50;
        _captured = new short[FrameSamples];
        _played = new short[FrameSamples];
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int FrameSamples { get; }

    /// <summary>Frames handed to the handler since the device was opened.</summary>
    public long FramesDelivered => Interlocked.Read(ref _frames);

    /// <summary>Capture overruns (-EPIPE from the microphone) recovered since the device was opened.</summary>
    public long CaptureOverruns => Interlocked.Read(ref _overruns);

    /// <summary>Playback underruns (-EPIPE from the speaker) recovered since the device was opened.</summary>
    public long PlaybackUnderruns => Interlocked.Read(ref _underruns);

    /// <summary>Samples the speaker could not take (buffer full or failed) since the device was opened.</summary>
    public long PlaybackSamplesDropped => Interlocked.Read(ref _dropped);

    /// <summary>True when a <see cref="TimeProvider"/> paces the frames instead of the capture device.</summary>
    public bool PacedByClock => _clock is not null;

    /// <summary>
    /// Opens both PCMs and sets them to S16_LE mono at the configured rate with 20 ms periods; nothing runs until
    /// <see cref="Start"/>. <paramref name="clock"/> paces the frames when <see cref="AlsaAudioOptions.PaceWithClock"/> is set
    /// (default: the system clock).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="AlsaException">A PCM cannot be opened or does not take the parameters.</exception>
    /// <exception cref="DllNotFoundException">libasound.so.2 is not installed.</exception>
    public static AlsaAudioDevice Open(AlsaAudioOptions options, ILogger<AlsaAudioDevice> logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var capture = AlsaPcm.Open(options.CaptureDevice, capture: true, options.SampleRate, BufferLatency);
        try
        {
            var playback = AlsaPcm.Open(options.PlaybackDevice, capture: false, options.SampleRate, BufferLatency);
            AlsaLog.Opened(logger, options.CaptureDevice, options.PlaybackDevice, options.SampleRate, capture.BufferFrames, capture.PeriodFrames);
            return new AlsaAudioDevice(capture, playback, options.SampleRate, options.PaceWithClock ? clock ?? TimeProvider.System : null, logger);
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="AlsaException">A PCM cannot be prepared (e.g. the card was unplugged).</exception>
    public bool TryStart(IAudioFrameHandler handler, [NotNullWhen(true)] out IDisposable? started)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_run is not null)
            {
                started = null;
                return false;
            }

            _capture.Prepare();
            _playback.Prepare();
            var run = new Run(this, handler);
            _run = run;
            run.Thread.Start(run);
            if (_clock is not null)
            {
                run.Ticks = _clock.CreateTimer(static state => ((Run)state!).Tick(), run, FramePeriod, FramePeriod);
            }

            AlsaLog.Started(_logger);
            started = run;
            return true;
        }
    }

    /// <summary>Stops the device if started and closes both PCMs (after the audio thread ends, if called from the handler).</summary>
    public void Dispose()
    {
        Run? run;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            run = _run;
            if (run is not null && Thread.CurrentThread == run.Thread)
            {
                // Called from the frame handler: the loop still uses the PCMs until the handler returns; Finished closes them.
                run.Dispose();
                return;
            }
        }

        run?.Dispose();
        ClosePcms();
    }

    private void ClosePcms()
    {
        _capture.Dispose();
        _playback.Dispose();
    }

    private void Finished(Run run)
    {
        _capture.Drop();
        _playback.Drop();
        bool close;
        lock (_gate)
        {
            if (ReferenceEquals(_run, run))
            {
                _run = null;
            }

            close = _disposed;
        }

        AlsaLog.Stopped(_logger, FramesDelivered, CaptureOverruns, PlaybackUnderruns, PlaybackSamplesDropped);
        if (close)
        {
            // Disposed while this run was going: closing twice is harmless (SafeHandle), closing early is not.
            ClosePcms();
        }
    }
}

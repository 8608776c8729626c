using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CallSync.Media.Session;
using CallSync.Recording.Interop.OpusEnc;
using Microsoft.Extensions.Logging;

namespace CallSync.Recording;

/// <summary>
/// Records one call into <c>&lt;Directory&gt;/&lt;RecordId&gt;.opus</c>: stereo Ogg Opus, left = the desk
/// phone's microphone, right = the remote party as played to the speaker, both taken from the same device
/// period so they cannot drift. The device thread only copies frames into a preallocated queue; a dedicated
/// thread encodes them with libopusenc, whose pages are written and flushed to the OS as soon as the muxer
/// emits them (at most <see cref="RecordingOptions.MaxPageDelay"/> apart).
/// </summary>
/// <remarks>
/// While recording, a marker file <c>&lt;RecordId&gt;.opus.recording</c> sits next to the audio. A normal
/// <see cref="StopAsync"/> removes it; <see cref="AbortAsync"/>, a crash or a power cut leave it, which is
/// how <see cref="RecordingRecovery"/> recognises a recording that was cut short.
/// </remarks>
public sealed partial class CallRecorder : IMediaRecordingSink, IAsyncDisposable
{
    /// <summary>Suffix of the in-progress marker file.</summary>
    public const string MarkerSuffix = ".recording";

    /// <summary>
    /// Channel mapping family 0 (RFC 7845 section 5.1.1.1), one coupled stereo stream: the only stereo layout
    /// opusdec/opusfile accept besides surround. (Family 255, two independent mono streams, would separate the
    /// parties perfectly, but opusfile refuses it.)
    /// </summary>
    private const int ChannelMappingFamily = 0;

    private readonly RecordingMetadata _metadata;
    private readonly ILogger<CallRecorder> _logger;
    private readonly int _frameSamples;
    private readonly int _queueFrames;
    private readonly short[] _queue;
    private readonly SemaphoreSlim _available = new(0);
    private readonly FileStream _file;
    private readonly OggOpusEncoderHandle _encoder;
    private readonly OggOpusCommentsHandle _comments;
    private readonly GCHandle _self;
    private readonly Thread _thread;
    private readonly string _markerPath;
    private readonly Func<bool>? _stopWhen;
    private long _produced;
    private long _consumed;
    private long _dropped;
    private long _framesEncoded;
    private volatile bool _stopRequested;
    private volatile bool _failed;
    private RecordingResult? _result;

    private CallRecorder(RecordingOptions options, RecordingMetadata metadata, int sampleRate, ILogger<CallRecorder> logger)
    {
        _metadata = metadata;
        _logger = logger;
        SampleRate = sampleRate;
        _frameSamples = sampleRate / 50;
        _queueFrames = Math.Max(4, options.QueueFrames);
        _queue = new short[_queueFrames * _frameSamples * 2];
        Path = System.IO.Path.Combine(options.Directory, metadata.RecordId + ".opus");
        _markerPath = Path + MarkerSuffix;
        _stopWhen = options.StopWhen;
        File.WriteAllText(_markerPath, $"recordId={metadata.RecordId}\ncallId={metadata.CallId}\nstart={metadata.StartTime:O}\n");
        _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _self = GCHandle.Alloc(this);
        try
        {
            _comments = OpusEncNative.CreateComments();
            OpusEncNative.AddComment(_comments, "RECORDID", metadata.RecordId);
            OpusEncNative.AddComment(_comments, "CALLID", metadata.CallId);
            OpusEncNative.AddComment(_comments, "LOCALNUMBER", metadata.LocalNumber);
            OpusEncNative.AddComment(_comments, "REMOTENUMBER", metadata.RemoteNumber);
            OpusEncNative.AddComment(_comments, "STARTTIME", metadata.StartTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
            OpusEncNative.AddComment(_comments, "ENCODER", "CallSync recorder (libopusenc)");
            _encoder = CreateEncoder(options, sampleRate);
        }
        catch
        {
            _comments?.Dispose();
            _self.Free();
            _file.Dispose();
            throw;
        }

        _thread = new Thread(EncodeLoop) { IsBackground = true, Name = "recorder " + metadata.RecordId };
        _thread.Start();
    }

    /// <summary>The .opus file.</summary>
    public string Path { get; }

    /// <summary>PCM rate of the frames handed to <see cref="OnFrame"/>: the recording's rate (<see cref="IMediaRecordingSink.SampleRate"/>).</summary>
    public int SampleRate { get; }

    /// <summary>
    /// Starts a recording. The headers are on disk when this returns, so even an immediate crash leaves a
    /// valid (empty) Ogg Opus file.
    /// </summary>
    /// <param name="options">Directory, bit rate, page delay.</param>
    /// <param name="metadata">Ids, numbers and start time (tags).</param>
    /// <param name="sampleRate">The recording's rate: 16000 for wideband calls, 8000 for G.711 (see
    /// <c>MediaCodecChoice.RecordingSampleRate</c> or <c>RtpMediaSession.RecordingSampleRate</c>); frames are 20 ms at it.</param>
    /// <param name="logger">Logger.</param>
    /// <exception cref="RecordingException">libopusenc could not start, or the file could not be created (nothing is left behind).</exception>
    public static CallRecorder Start(RecordingOptions options, RecordingMetadata metadata, int sampleRate, ILogger<CallRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrEmpty(metadata.RecordId) || metadata.RecordId.AsSpan().ContainsAnyExcept(SafeIdChars))
        {
            throw new ArgumentException("RecordId must be letters, digits, '-' or '_'.", nameof(metadata));
        }

        Directory.CreateDirectory(options.Directory);
        CallRecorder recorder;
        try
        {
            recorder = new CallRecorder(options, metadata, sampleRate, logger);
        }
        catch (Exception ex) when (ex is IOException or RecordingException)
        {
            // A full disk refuses the marker, the file or its header pages: leave nothing a restart would take for a
            // recording cut short.
            string path = System.IO.Path.Combine(options.Directory, metadata.RecordId + ".opus");
            TryDelete(path + MarkerSuffix);
            TryDelete(path);
            throw ex as RecordingException ?? new RecordingException($"cannot create the recording {path}: {ex.Message}", ex);
        }

        Log.Started(logger, metadata.RecordId, sampleRate, recorder.Path);
        return recorder;
    }

    /// <inheritdoc />
    /// <remarks>Copies both legs into the queue; drops the frame (and counts it) when the queue is full.</remarks>
    public void OnFrame(ReadOnlySpan<short> local, ReadOnlySpan<short> remote)
    {
        if (_stopRequested)
        {
            return;
        }

        long produced = Volatile.Read(ref _produced);
        if (produced - Volatile.Read(ref _consumed) >= _queueFrames)
        {
            if (Interlocked.Increment(ref _dropped) == 1)
            {
                Log.FrameDropped(_logger, _metadata.RecordId);
            }

            return;
        }

        Span<short> slot = _queue.AsSpan((int)(produced % _queueFrames) * _frameSamples * 2, _frameSamples * 2);
        int n = Math.Min(_frameSamples, Math.Min(local.Length, remote.Length));
        for (int i = 0; i < n; i++)
        {
            slot[2 * i] = local[i];
            slot[(2 * i) + 1] = remote[i];
        }

        slot[(2 * n)..].Clear();
        Volatile.Write(ref _produced, produced + 1);
        _available.Release();
    }

    /// <summary>Finishes the file (end of stream), fsyncs it, removes the marker and returns its facts.</summary>
    public Task<RecordingResult> StopAsync(CancellationToken cancellationToken = default) => FinishAsync(aborted: false, cancellationToken);

    /// <summary>
    /// Ends the recording early (the call was torn down abnormally): the audio so far is finalised, but the
    /// marker stays and the result says <see cref="RecordingResult.CutShort"/>.
    /// </summary>
    public Task<RecordingResult> AbortAsync(CancellationToken cancellationToken = default) => FinishAsync(aborted: true, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_result is null)
        {
            await AbortAsync().ConfigureAwait(false);
        }
    }

    private static readonly System.Buffers.SearchValues<char> SafeIdChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    private async Task<RecordingResult> FinishAsync(bool aborted, CancellationToken cancellationToken)
    {
        if (_result is not null)
        {
            return _result;
        }

        _stopRequested = true;
        _available.Release();
        await Task.Run(_thread.Join, cancellationToken).ConfigureAwait(false);
        bool cutShort = aborted || _failed;
        if (!_failed)
        {
            try
            {
                if (Interlocked.Read(ref _framesEncoded) == 0)
                {
                    // libopusenc 0.2.1 asserts (and aborts the process) when an encoder whose header was flushed is
                    // drained without a single sample: give it one frame of silence, a valid 20 ms file.
                    OpusEncNative.Write(_encoder, new short[_frameSamples * 2], _frameSamples);
                    Interlocked.Increment(ref _framesEncoded);
                }

                OpusEncNative.Drain(_encoder);
            }
            catch (RecordingException ex)
            {
                Log.EncoderFailed(_logger, _metadata.RecordId, ex);
                cutShort = true;
            }
        }

        _encoder.Dispose();
        _comments.Dispose();
        _self.Free();
        try
        {
            _file.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            // The pages are in the kernel's cache and reach the disk with its next writeback.
            Log.SyncFailed(_logger, _metadata.RecordId, ex.Message);
        }

        long bytes = _file.Length;
        await _file.DisposeAsync().ConfigureAwait(false);
        string sha = await RecordingRecovery.HashFileAsync(Path, cancellationToken).ConfigureAwait(false);
        if (!cutShort)
        {
            File.Delete(_markerPath);
        }
        else
        {
            try
            {
                await File.AppendAllTextAsync(_markerPath, aborted ? "state=aborted\n" : "state=failed\n", cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // A full disk: the marker stays as it was, which says the same (cut short).
            }
        }

        var duration = TimeSpan.FromMilliseconds(Interlocked.Read(ref _framesEncoded) * 20);
        if (_failed && OggOpusInspector.TryGetDuration(await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false), out var inFile))
        {
            // Pages a failed write (a full disk) did not keep are not in the file: its duration is what it holds.
            duration = inFile;
        }

        _result = new RecordingResult
        {
            RecordId = _metadata.RecordId,
            Path = Path,
            Duration = duration,
            SampleRate = SampleRate,
            Bytes = bytes,
            Sha256 = sha,
            CutShort = cutShort,
            FramesDropped = Interlocked.Read(ref _dropped),
        };
        Log.Finished(_logger, _metadata.RecordId, (long)_result.Duration.TotalMilliseconds, bytes, cutShort);
        _available.Dispose();
        return _result;
    }

    private unsafe OggOpusEncoderHandle CreateEncoder(RecordingOptions options, int sampleRate)
    {
        var callbacks = new OpusEncCallbacks { Write = &WritePage, Close = &ClosePage };
        OggOpusEncoderHandle encoder = OpusEncNative.CreateEncoder(callbacks, GCHandle.ToIntPtr(_self), _comments, sampleRate, 2, ChannelMappingFamily);
        try
        {
            OpusEncNative.Ctl(encoder, OpusEncNative.SetBitrateRequest, options.Bitrate);
            OpusEncNative.Ctl(encoder, OpusEncNative.SetComplexityRequest, Math.Clamp(options.Complexity, 0, 10));
            // Left and right are different people: without forcing two coded channels the encoder downmixes
            // to mono at speech bit rates (measured 0.6 dB separation).
            OpusEncNative.Ctl(encoder, OpusEncNative.SetForceChannelsRequest, 2);

            // Encode each frame as soon as it arrives (the default decision delay holds back 2 s), and emit a
            // page at least every MaxPageDelay (48 kHz granule units).
            OpusEncNative.Ctl(encoder, OpusEncNative.SetDecisionDelayRequest, 0);
            OpusEncNative.Ctl(encoder, OpusEncNative.SetMuxingDelayRequest, (int)Math.Clamp(options.MaxPageDelay.TotalSeconds * 48000, 960, 48000));
            OpusEncNative.FlushHeader(encoder);
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private void EncodeLoop()
    {
        while (true)
        {
            _available.Wait();
            while (Volatile.Read(ref _consumed) < Volatile.Read(ref _produced))
            {
                long index = Volatile.Read(ref _consumed);
                if (!_failed)
                {
                    ReadOnlySpan<short> frame = _queue.AsSpan((int)(index % _queueFrames) * _frameSamples * 2, _frameSamples * 2);
                    try
                    {
                        OpusEncNative.Write(_encoder, frame, _frameSamples);
                        Interlocked.Increment(ref _framesEncoded);
                    }
                    catch (RecordingException ex)
                    {
                        Log.EncoderFailed(_logger, _metadata.RecordId, ex);
                        _failed = true;
                    }
                }

                Volatile.Write(ref _consumed, index + 1);
            }

            if (_stopRequested)
            {
                return;
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int WritePage(nint userData, byte* data, int length)
    {
        try
        {
            var recorder = (CallRecorder)GCHandle.FromIntPtr(userData).Target!;
            if (recorder._stopWhen?.Invoke() == true)
            {
                return 1;
            }

            long pageStart = recorder._file.Position;
            try
            {
                recorder._file.Write(new ReadOnlySpan<byte>(data, length));
            }
            catch (IOException)
            {
                // A full disk may take part of the page: cut it off, so the file ends on a whole page and stays a
                // valid Ogg Opus stream (without its end-of-stream page, as after a crash).
                recorder._file.SetLength(pageStart);
                throw;
            }

            return 0;
        }
#pragma warning disable CA1031 // An exception must not cross into native code; libopusenc turns 1 into OPE_WRITE_FAIL.
        catch (Exception)
#pragma warning restore CA1031
        {
            return 1;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ClosePage(nint userData) => 0;
}

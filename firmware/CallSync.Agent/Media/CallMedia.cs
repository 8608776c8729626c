using System.Net;
using CallSync.Hal;
using CallSync.Hal.Timing;
using CallSync.Media.Dtmf;
using CallSync.Media.Session;
using CallSync.Media.Srtp;
using CallSync.Recording;
using CallSync.Sdp;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Media;

/// <summary>
/// One call's media, owned by its <see cref="Calls.CallSession"/>: an RTP session on a port of the configured range
/// (bound when the call is placed or answered, so the SDP can name it), started with the first negotiation result
/// and joined to the handset (or, when the handset carries another call, to a clock of its own), recorded while it
/// runs, and stopped once by <see cref="StopAsync"/>. Used from the call manager's loop only.
/// </summary>
internal sealed class CallMedia : IAsyncDisposable
{
    private readonly RtpMediaSession _rtp;
    private readonly IBoard _board;
    private readonly Func<int, CallRecorder?> _startRecorder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private IDisposable? _audio;
    private CallRecorder? _recorder;
    private Task<MediaOutcome>? _stopped;
    private SdpCryptoAttribute? _keyedWith;
    private bool _srtpApplied;
    private bool _plainApplied;

    /// <param name="rtp">The call's RTP session, bound.</param>
    /// <param name="local">This side's media for offers and answers.</param>
    /// <param name="board">The handset and the LEDs.</param>
    /// <param name="startRecorder">Starts the recording at the given rate (the negotiated codec's), or null when recording is off or failed.</param>
    /// <param name="time">The agent's clock.</param>
    /// <param name="logger">Logger.</param>
    public CallMedia(RtpMediaSession rtp, SdpLocalMedia local, IBoard board, Func<int, CallRecorder?> startRecorder, TimeProvider time, ILogger logger)
    {
        _rtp = rtp;
        Local = local;
        _board = board;
        _startRecorder = startRecorder;
        _time = time;
        _logger = logger;
    }

    /// <summary>This side's media for offers and answers: the address, the bound RTP port, the codecs.</summary>
    public SdpLocalMedia Local { get; }

    /// <summary>The codec negotiated last (e.g. <c>PCMU/8000</c>), for the call record.</summary>
    public string? Codec { get; private set; }

    /// <summary>
    /// True when every negotiation applied so far agreed SRTP (and there was one); a call that ever ran plain RTP is
    /// not counted as encrypted.
    /// </summary>
    public bool Encrypted => _srtpApplied && !_plainApplied;

    /// <summary>When media started (the origin of DTMF offsets), or null.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Raised on the network thread for each RFC 4733 digit received.</summary>
    public event EventHandler<DtmfDigitEventArgs>? DigitReceived
    {
        add => _rtp.DigitReceived += value;
        remove => _rtp.DigitReceived -= value;
    }

    /// <summary>True for the codecs the media path sends and plays (the others are not offered or accepted).</summary>
    public static bool Plays(string codecName) => CodecOf(codecName) is not null;

    /// <summary>
    /// Starts media with the first negotiation result, then follows every later one (hold, resume, re-target, codec).
    /// <paramref name="localHold"/>: this side holds the call, so no microphone audio is sent (the session sends
    /// silence, or nothing when the direction is inactive) and the recording keeps what each side heard.
    /// <paramref name="answeredAt"/>: when the call was answered; the recording's timeline starts there, whatever the
    /// media took to start (see <see cref="RtpMediaSession.AnchorTimeline"/>).
    /// </summary>
    public void Apply(SdpNegotiatedMedia media, bool localHold, DateTimeOffset? answeredAt)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (_stopped is not null)
        {
            return;
        }

        if (!TryChoose(media, out var codec, out var remote))
        {
            MediaLog.UnusableNegotiation(_logger, media.CodecName, media.RemoteAddress);
            return;
        }

        var direction = media.Direction switch
        {
            SdpDirection.SendOnly => MediaDirection.SendOnly,
            SdpDirection.RecvOnly => MediaDirection.ReceiveOnly,
            SdpDirection.Inactive => MediaDirection.Inactive,
            _ => MediaDirection.SendReceive,
        };
        if (!TryKey(media))
        {
            return;
        }

        Codec = $"{media.CodecName}/{media.ClockRate}" + (media.Channels > 1 ? $"/{media.Channels}" : "");
        _rtp.SetLocalHold(localHold); // before the first period of a start or update runs with the new direction
        if (StartedAt is not null)
        {
            _rtp.Update(remote, codec, direction, media.RemoteRtcpPort);
            return;
        }

        _rtp.Start(remote, codec, direction, media.RemoteRtcpPort);
        StartedAt = _time.GetUtcNow();
        if (answeredAt is { } answered)
        {
            _rtp.AnchorTimeline(StartedAt.Value - answered);
        }

        _recorder = _startRecorder(_rtp.RecordingSampleRate);
        if (_recorder is not null)
        {
            _rtp.AttachRecordingSink(_recorder);
            _board.Leds.Set(Led.Recording, LedState.On);
        }

        if (_board.Audio.TryStart(_rtp, out var handset))
        {
            _audio = handset;
        }
        else
        {
            // The handset already carries another call (a second line): this one runs on its own clock, so its
            // RTP is still received and recorded, with silence for this side.
            MediaLog.HandsetBusy(_logger, _rtp.LocalPort);
            _audio = StartOwnClock(_rtp, _board.Audio.FrameSamples, _time, _logger);
        }
    }

    /// <summary>Sends a keypad digit as RFC 4733; false when the call has no telephone-event now.</summary>
    public bool SendDtmf(char digit) => _rtp.SendDigits(digit.ToString());

    /// <summary>How long the peer has sent no RTP or RTCP packet (measured from media start), or null before media started.</summary>
    public TimeSpan? Silence() => StartedAt is null ? null : _rtp.TimeSinceLastPeerPacket;

    /// <summary>Stops everything once (handset first, so no frame reaches a closing recorder) and gives what the media left.</summary>
    public Task<MediaOutcome> StopAsync()
    {
        if (_stopped is null)
        {
            // The handset is released on the caller's thread, at once: the next call may need it.
            _audio?.Dispose();
            _audio = null;
            _stopped = CompleteAsync();
        }

        return _stopped;
    }

    /// <summary>The same as <see cref="StopAsync"/>, for owners that only need it gone.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task<MediaOutcome> CompleteAsync()
    {
        // Stopping closes the sockets also of a session that never started.
        var statistics = await _rtp.StopAsync().ConfigureAwait(false);
        _rtp.AttachRecordingSink(null);
        RecordingResult? recording = null;
        if (_recorder is not null)
        {
            try
            {
                recording = await _recorder.StopAsync().ConfigureAwait(false);
            }
            catch (RecordingException ex)
            {
                MediaLog.RecordingFailed(_logger, ex);
            }
            finally
            {
                await _recorder.DisposeAsync().ConfigureAwait(false);
                _board.Leds.Set(Led.Recording, LedState.Off);
            }
        }

        return new MediaOutcome(Codec, StartedAt is null ? null : statistics, recording, Encrypted);
    }

    /// <summary>
    /// Keys the session from a negotiation: new SRTP contexts when its keys are new (the first answer, a re-INVITE
    /// with new crypto lines), plain RTP when it has none, nothing when the keys are the ones in use (a hold flag).
    /// False when the keys cannot make contexts (the SDP layer checked them, so this is a fault, logged): the
    /// negotiation is then not applied, and nothing is sent in clear instead.
    /// </summary>
    private bool TryKey(SdpNegotiatedMedia media)
    {
        if (!media.IsEncrypted)
        {
            _plainApplied = true;
            if (_keyedWith is not null)
            {
                _rtp.UseSrtp(null, null);
                _keyedWith = null;
            }

            return true;
        }

        if (ReferenceEquals(media.LocalCrypto, _keyedWith))
        {
            return true;
        }

        var failure = CreateContext(media.LocalCrypto!, out var send);
        SrtpContext? receive = null;
        failure ??= CreateContext(media.RemoteCrypto!, out receive);
        if (failure is not null)
        {
            send?.Dispose();
            MediaLog.SrtpKeysUnusable(_logger, media.LocalCrypto!.Suite, failure);
            return false;
        }

        _rtp.UseSrtp(send, receive);
        _keyedWith = media.LocalCrypto;
        _srtpApplied = true;
        return true;
    }

    // One direction's context from its SDES line: the suite, the inline key and salt, its MKI and lifetime.
    private static string? CreateContext(SdpCryptoAttribute line, out SrtpContext? context)
    {
        var key = line.Keys[0];
        var options = new SrtpContextOptions
        {
            Mki = key.MkiLength == 0 ? ReadOnlyMemory<byte>.Empty : SrtpContextOptions.EncodeMki(key.MkiValue, key.MkiLength),
            MaxPackets = key.Lifetime,
        };
        var result = SrtpContext.TryCreate(line.Suite, key.KeySalt, options, out context);
        return result == SrtpResult.Ok ? null : result.ToString();
    }

    private static bool TryChoose(SdpNegotiatedMedia media, out MediaCodecChoice codec, out IPEndPoint remote)
    {
        codec = default;
        remote = null!;
        var audio = CodecOf(media.CodecName);
        if (audio is null || !IPAddress.TryParse(media.RemoteAddress, out var address) || media.RemotePort is <= 0 or > 65535)
        {
            return false;
        }

        codec = new MediaCodecChoice(audio.Value, (byte)media.PayloadType, (byte?)media.TelephoneEventPayloadType)
        {
            PacketTime = Milliseconds(media.RemotePtime),
            MaxPacketTime = Milliseconds(media.RemoteMaxPtime),
            ComfortNoisePayloadType = (byte?)media.ComfortNoisePayloadType,
            Opus = audio == AudioCodec.Opus && media.Opus is { } opus ? OpusOf(opus) : null,
        };
        remote = new IPEndPoint(address, media.RemotePort);
        return true;
    }

    private static TimeSpan? Milliseconds(int? value) => value is > 0 ? TimeSpan.FromMilliseconds(value.Value) : null;

    // What the peer asked for in what we send (RFC 7587 6.1); its sprop-* describe what it sends and need nothing here.
    private static OpusParameters OpusOf(SdpOpusParameters opus) => new()
    {
        MaxPlaybackRate = opus.MaxPlaybackRate,
        Stereo = opus.Stereo == true,
        UseInbandFec = opus.UseInbandFec,
        MaxAverageBitrate = opus.MaxAverageBitrate,
        UseDtx = opus.UseDtx == true,
        ConstantBitrate = opus.ConstantBitrate == true,
    };

    // A call without the handset (a second line) runs on a frame clock of its own: silence as microphone, its
    // playback discarded, so its RTP is still received, concealed and recorded and silence is sent. At normal
    // priority: nobody listens to it live, and one real-time thread per call starved the SIP receive thread and the
    // call loop under call load (OPTIONS round trips p99 756 ms instead of 12 ms at 20 calls/s, docs/benchmarks.md).
    // The handset's clock alone stays real-time.
    private static FrameClock StartOwnClock(RtpMediaSession rtp, int frameSamples, TimeProvider time, ILogger logger)
    {
        var silence = new short[frameSamples];
        var discard = new short[frameSamples];
        return FrameClock.Start(_ => rtp.OnFrame(silence, discard), time, new FrameClockOptions { Name = "callsync-line", RealTimePriority = 0 }, logger);
    }

    private static AudioCodec? CodecOf(string name) => name.ToUpperInvariant() switch
    {
        "PCMU" => AudioCodec.Pcmu,
        "PCMA" => AudioCodec.Pcma,
        "OPUS" => AudioCodec.Opus,
        "G722" => AudioCodec.G722,
        _ => null,
    };
}

using System.Net;
using CallSync.Hal;
using CallSync.Media.Session;
using CallSync.Recording;
using CallSync.Sdp;
using CallSync.Sip.Media;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Media;

/// <summary>
/// One call's media as the SIP user agent sees it: an RTP session on a port of the configured range, joined to
/// the handset's audio once the call is negotiated, and recorded (both legs, time-aligned) while it runs.
/// </summary>
internal sealed class CallMediaSession : ICallMedia
{
    private readonly RtpMediaSession _rtp;
    private readonly IBoard _board;
    private readonly Func<CallRecorder?> _startRecorder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private IDisposable? _audio;
    private CallRecorder? _recorder;
    private Task<MediaOutcome>? _completion;

    public CallMediaSession(RtpMediaSession rtp, SdpLocalMedia localMedia, IBoard board, Func<CallRecorder?> startRecorder, TimeProvider time, ILogger logger)
    {
        _rtp = rtp;
        LocalMedia = localMedia;
        _board = board;
        _startRecorder = startRecorder;
        _time = time;
        _logger = logger;
    }

    public SdpLocalMedia LocalMedia { get; }

    /// <summary>The codec negotiated last, for the call record.</summary>
    public string? Codec { get; private set; }

    public RtpMediaSession Rtp => _rtp;

    public void Start(SdpNegotiatedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
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

        lock (_gate)
        {
            if (_completion is not null)
            {
                return;
            }

            Codec = media.CodecName;
            if (_audio is not null)
            {
                _rtp.Update(remote, codec, direction);
                return;
            }

            _rtp.Start(remote, codec, direction);
            _recorder = _startRecorder();
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
                // The handset already carries another call (a second line): this one runs on its own clock, so
                // its RTP is still received and recorded, with silence for this side.
                MediaLog.HandsetBusy(_logger, _rtp.LocalPort);
                _audio = new LineClock(_rtp, _board.Audio.FrameSamples, _time);
            }
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _completion ??= CompleteAsync();
        }
    }

    /// <summary>Stops everything once and gives the statistics and the finished recording.</summary>
    public Task<MediaOutcome> FinishAsync()
    {
        lock (_gate)
        {
            return _completion ??= CompleteAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FinishAsync().ConfigureAwait(false);
        await _rtp.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<MediaOutcome> CompleteAsync()
    {
        // Stop the handset first so no frame reaches a recorder that is closing.
        _audio?.Dispose();
        _audio = null;
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

        return new MediaOutcome(Codec, statistics, recording);
    }

    private static bool TryChoose(SdpNegotiatedMedia media, out MediaCodecChoice codec, out IPEndPoint remote)
    {
        codec = default;
        remote = null!;
        AudioCodec? audio = media.CodecName.ToUpperInvariant() switch
        {
            "PCMU" => AudioCodec.Pcmu,
            "PCMA" => AudioCodec.Pcma,
            "OPUS" => AudioCodec.Opus,
            _ => null,
        };
        if (audio is null || !IPAddress.TryParse(media.RemoteAddress, out var address) || media.RemotePort is <= 0 or > 65535)
        {
            return false;
        }

        codec = new MediaCodecChoice(audio.Value, (byte)media.PayloadType, (byte?)media.TelephoneEventPayloadType);
        remote = new IPEndPoint(address, media.RemotePort);
        return true;
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CallSync.Hal;
using CallSync.Media.Codecs;
using CallSync.Media.Dtmf;
using CallSync.Media.Jitter;
using CallSync.Media.Quality;
using CallSync.Media.Rtp;
using Microsoft.Extensions.Logging;

namespace CallSync.Media.Session;

/// <summary>
/// One call's audio over RTP/RTCP (RFC 3550): a UDP port pair from the configured range, an encoder and
/// decoder for the negotiated codec, a jitter buffer, DTMF (RFC 4733), RTCP reports and statistics. It is
/// the audio device's <see cref="IAudioFrameHandler"/>: each device period encodes and sends the captured
/// frame, and fills the playback frame from the jitter buffer; both go to the recording sink.
/// </summary>
/// <remarks>
/// Lifecycle: construct (binds the ports; <see cref="LocalPort"/> goes into the SDP), <see cref="Start"/>
/// with the negotiated remote, <see cref="Update"/> on re-INVITE (hold/resume/codec change),
/// <see cref="StopAsync"/> at the end (sends RTCP BYE, returns the statistics).
/// </remarks>
public sealed partial class RtpMediaSession : IAudioFrameHandler, IAsyncDisposable
{
    private const int MaxDatagram = 1500;
    private static int _nextPortIndex;

    private readonly RtpMediaSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RtpMediaSession> _logger;
    private readonly Socket _rtpSocket;
    private readonly Socket _rtcpSocket;
    private readonly int _deviceRate;
    private readonly int _frameSamples;
    private readonly uint _ssrc;
    private readonly long _createdTimestamp;
    private readonly Lock _frameLock = new();
    private readonly Lock _statsLock = new();
    private readonly JitterBuffer _jitter;
    private readonly DtmfSender _dtmfSender = new();
    private readonly DtmfReceiver _dtmfReceiver = new();
    private readonly byte[] _txBuffer = new byte[MaxDatagram];
    private readonly byte[] _payload = new byte[MaxDatagram];
    private readonly short[] _codecPcm;
    private readonly short[] _mic;
    private readonly short[] _tone;
    private readonly short[] _silence;
    private readonly byte[] _cname;

    private ActiveMedia? _media;
    private SocketAddress? _rtpDestination;
    private SocketAddress? _rtcpDestination;
    private bool _rtpLatched;
    private bool _rtcpLatched;
    private ushort _sequence;
    private uint _timestamp;
    private bool _markNext = true;
    private short _upsamplePrevious;
    private int _toneSamplesLeft;
    private double _tonePhase;
    private volatile IMediaRecordingSink? _recordingSink;
    private volatile bool _stopping;
    private Task? _rtpLoop;
    private Task? _rtcpLoop;
    private ITimer? _rtcpTimer;
    private MediaStatistics? _finalStatistics;

    private long _packetsSent;
    private long _bytesSent;
    private long _packetsReceived;
    private long _bytesReceived;
    private RtpReceiveStatistics? _receive;
    private uint _remoteSsrc;
    private bool _haveRemoteSsrc;

    /// <summary>
    /// Binds an even RTP port and the RTCP port above it from the configured range.
    /// </summary>
    /// <param name="options">Ports, jitter buffer and codec options.</param>
    /// <param name="deviceSampleRate">The audio device's rate (8000 or 16000).</param>
    /// <param name="timeProvider">Clock for RTCP timers, jitter and NTP timestamps.</param>
    /// <param name="logger">Logger.</param>
    /// <exception cref="InvalidOperationException">No free port pair in the range.</exception>
    public RtpMediaSession(RtpMediaSessionOptions options, int deviceSampleRate, TimeProvider timeProvider, ILogger<RtpMediaSession> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (deviceSampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(deviceSampleRate), deviceSampleRate, "8000 or 16000 expected");
        }

        _options = options;
        _time = timeProvider;
        _logger = logger;
        _deviceRate = deviceSampleRate;
        _frameSamples = deviceSampleRate / 50;
        _codecPcm = new short[_frameSamples];
        _mic = new short[_frameSamples];
        _tone = new short[_frameSamples];
        _silence = new short[_frameSamples];
        _ssrc = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        _sequence = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        _timestamp = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        _createdTimestamp = timeProvider.GetTimestamp();
        _jitter = new JitterBuffer(TimeSpan.FromMilliseconds(20), options.JitterBufferMinimum, options.JitterBufferMaximum);
        string cname = string.IsNullOrEmpty(options.CanonicalName) ? $"callsync-{_ssrc:x8}" : options.CanonicalName;
        _cname = Encoding.UTF8.GetBytes(cname);
        (_rtpSocket, _rtcpSocket) = BindPair(options);
        LocalPort = ((IPEndPoint)_rtpSocket.LocalEndPoint!).Port;
        Log.SessionBound(_logger, LocalPort);
    }

    /// <summary>Raised on the network thread once per RFC 4733 digit received.</summary>
    public event EventHandler<DtmfDigitEventArgs>? DigitReceived;

    /// <summary>The local RTP port (RTCP is one above).</summary>
    public int LocalPort { get; }

    /// <summary>Our synchronisation source.</summary>
    public uint Ssrc => _ssrc;

    /// <summary>Where RTP is sent now (the negotiated address, or the latched source).</summary>
    public IPEndPoint? CurrentRemote
    {
        get
        {
            SocketAddress? a = _rtpDestination;
            return a is null ? null : (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(a);
        }
    }

    /// <summary>Sets or clears the sink that receives both legs per device period.</summary>
    public void AttachRecordingSink(IMediaRecordingSink? sink) => _recordingSink = sink;

    /// <summary>Starts media towards the negotiated remote.</summary>
    /// <exception cref="InvalidOperationException">Already started or stopped.</exception>
    public void Start(IPEndPoint remote, MediaCodecChoice codec, MediaDirection direction)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (_media is not null)
        {
            throw new InvalidOperationException("The session is already started; use Update.");
        }

        Apply(remote, codec, direction);
        if (_options.NoticeTone)
        {
            _toneSamplesLeft = (int)(_options.NoticeToneDuration.TotalSeconds * _deviceRate);
        }

        _rtpLoop = Task.Factory.StartNew(RtpReceiveLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _rtcpLoop = Task.Factory.StartNew(RtcpReceiveLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _rtcpTimer = _time.CreateTimer(static s => ((RtpMediaSession)s!).OnRtcpTimer(), this, _options.RtcpInterval, _options.RtcpInterval);
        Log.MediaStarted(_logger, remote, codec.Codec, codec.PayloadType, direction);
    }

    /// <summary>Applies a re-negotiation: new remote, codec or direction (hold and resume).</summary>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public void Update(IPEndPoint remote, MediaCodecChoice codec, MediaDirection direction)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (_media is null)
        {
            throw new InvalidOperationException("The session is not started.");
        }

        Apply(remote, codec, direction);
        Log.MediaUpdated(_logger, remote, codec.Codec, direction);
    }

    /// <summary>Queues DTMF digits to send as RFC 4733 events; false when telephone-event was not negotiated or a character is not a digit.</summary>
    public bool SendDigits(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (_media?.Choice.TelephoneEventPayloadType is null)
        {
            return false;
        }

        bool all = true;
        foreach (char c in digits)
        {
            all &= _dtmfSender.Enqueue(c);
        }

        return all;
    }

    /// <summary>Statistics so far.</summary>
    public MediaStatistics GetStatistics()
    {
        if (_finalStatistics is not null)
        {
            return _finalStatistics;
        }

        ActiveMedia? media = _media;
        long lost;
        long expected;
        double jitterMs;
        lock (_statsLock)
        {
            lost = _receive?.PacketsLost ?? 0;
            expected = _receive?.PacketsExpected ?? 0;
            jitterMs = _receive?.JitterTime.TotalMilliseconds ?? 0;
        }

        JitterBufferStatistics jb = _jitter.GetStatistics();
        double lossPercent = expected > 0 ? Math.Max(0, 100.0 * lost / expected) : 0;
        TimeSpan? rtt = RoundTrip;
        AudioCodec codec = media?.Choice.Codec ?? AudioCodec.Pcmu;
        (double ie, double bpl, double codecDelayMs) = codec == AudioCodec.Opus ? (11.0, 20.0, 26.5) : (0.0, 25.1, 20.0);
        TimeSpan oneWay = ((rtt ?? TimeSpan.Zero) / 2) + jb.TargetDepth + TimeSpan.FromMilliseconds(codecDelayMs);
        RemoteReport remote = _remoteReport;
        return new MediaStatistics
        {
            PacketsSent = Interlocked.Read(ref _packetsSent),
            BytesSent = Interlocked.Read(ref _bytesSent),
            PacketsReceived = Interlocked.Read(ref _packetsReceived),
            BytesReceived = Interlocked.Read(ref _bytesReceived),
            PacketsLost = Math.Max(0, lost),
            LossPercent = lossPercent,
            JitterMs = jitterMs,
            RoundTripMs = rtt?.TotalMilliseconds,
            RemoteLossPercent = remote.Valid ? remote.FractionLost * 100.0 / 256 : null,
            RemoteCumulativeLost = remote.Valid ? remote.CumulativeLost : null,
            ConcealedFrames = jb.Concealed,
            LatePackets = jb.Late,
            Mos = EModel.EstimateMos(ie, bpl, lossPercent, oneWay),
        };
    }

    /// <summary>Stops media: a final RTCP report with BYE, sockets closed, loops ended. Idempotent.</summary>
    public async Task<MediaStatistics> StopAsync(CancellationToken cancellationToken = default)
    {
        if (_finalStatistics is not null)
        {
            return _finalStatistics;
        }

        if (_rtcpTimer is not null)
        {
            await _rtcpTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_media is not null && !_stopping)
        {
            SendRtcp(bye: true);
        }

        _stopping = true;
        Task loops = Task.WhenAll(_rtpLoop ?? Task.CompletedTask, _rtcpLoop ?? Task.CompletedTask);
        await loops.WaitAsync(cancellationToken).ConfigureAwait(false);
        MediaStatistics stats = GetStatistics();
        _finalStatistics = stats;
        lock (_frameLock)
        {
            _media?.Dispose();
        }

        _rtpSocket.Dispose();
        _rtcpSocket.Dispose();
        Log.MediaStopped(_logger, stats.PacketsSent, stats.PacketsReceived, stats.PacketsLost, stats.JitterMs, stats.Mos);
        return stats;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    private static (Socket Rtp, Socket Rtcp) BindPair(RtpMediaSessionOptions options)
    {
        int start = options.PortRangeStart + (options.PortRangeStart & 1);
        int pairs = Math.Max(0, (options.PortRangeEnd - start + 1) / 2);
        int first = Interlocked.Increment(ref _nextPortIndex);
        for (int i = 0; i < pairs; i++)
        {
            int port = start + (2 * ((first + i) % pairs));
            Socket rtp = new(options.LocalAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            Socket rtcp = new(options.LocalAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(options.LocalAddress, port));
                rtcp.Bind(new IPEndPoint(options.LocalAddress, port + 1));
                return (rtp, rtcp);
            }
            catch (SocketException)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }

        throw new InvalidOperationException(
            $"No free RTP/RTCP port pair in {options.PortRangeStart}-{options.PortRangeEnd} on {options.LocalAddress}.");
    }

    private void Apply(IPEndPoint remote, MediaCodecChoice codec, MediaDirection direction)
    {
        lock (_frameLock)
        {
            ActiveMedia? old = _media;
            ActiveMedia next;
            bool codecChanged = false;
            if (old is not null && old.Choice.Codec == codec.Codec && old.Choice.PayloadType == codec.PayloadType)
            {
                next = old.With(remote, codec, direction);
            }
            else
            {
                next = ActiveMedia.Create(remote, codec, direction, _deviceRate, _options);
                codecChanged = true;
                _jitter.Clear();
                lock (_statsLock)
                {
                    _receive = new RtpReceiveStatistics(codec.ClockRate);
                    _haveRemoteSsrc = false;
                }
            }

            bool wasSending = old is not null && old.Sends;
            if (!wasSending && next.Sends)
            {
                _markNext = true;
            }

            if (old is null || !old.Remote.Equals(remote))
            {
                _rtpDestination = remote.Serialize();
                _rtcpDestination = new IPEndPoint(remote.Address, remote.Port + 1).Serialize();
                _rtpLatched = false;
                _rtcpLatched = false;
            }

            _media = next;
            if (old is not null && codecChanged)
            {
                old.Dispose();
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CallSync.Hal;
using CallSync.Media.Audio;
using CallSync.Media.Dtmf;
using CallSync.Media.Receive;
using CallSync.Media.Send;
using Microsoft.Extensions.Logging;

namespace CallSync.Media.Session;

/// <summary>
/// One call's audio over RTP/RTCP (RFC 3550): a UDP port pair from the configured range, an encoder and decoder for
/// the negotiated codec, a receive path driven by RTP timestamps (any packetization, comfort noise, re-synchronised
/// sources), a send path at the peer's packet time, DTMF (RFC 4733), RTCP reports and statistics. It is the audio
/// clock's <see cref="IAudioFrameHandler"/>: each 20 ms period first takes in every datagram already waiting, then
/// encodes and sends the captured audio and fills the playback period; both legs go to the recording sink.
/// </summary>
/// <remarks>
/// Lifecycle: construct (binds the ports; <see cref="LocalPort"/> goes into the SDP), <see cref="Start"/>
/// with the negotiated remote, <see cref="Update"/> on re-INVITE (codec, packet time, direction),
/// <see cref="SetLocalHold"/> when this side holds, <see cref="StopAsync"/> at the end (RTCP BYE, statistics).
/// </remarks>
public sealed partial class RtpMediaSession : IAudioFrameHandler, IAsyncDisposable
{
    private const int MaxDatagram = 1500;

    /// <summary>The most periods <see cref="AnchorTimeline"/> catches up (2 s); a longer start is a fault, logged.</summary>
    private const int MaxCatchUpPeriods = 100;

    /// <summary>The audio period of the clock that calls <see cref="OnFrame"/>.</summary>
    private static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(20);
    private static int _nextPortIndex;

    private readonly RtpMediaSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RtpMediaSession> _logger;
    private readonly Socket _rtpSocket;
    private readonly Socket _rtcpSocket;
    private readonly int _deviceRate;
    private readonly uint _ssrc;
    private readonly Lock _frameLock = new();
    private readonly AudioReceiver _receiver;
    private readonly AudioSender _sender;
    private readonly DtmfSender _dtmfSender = new();
    private readonly byte[] _txBuffer = new byte[MaxDatagram];
    private readonly byte[] _cname;
    private readonly LogThrottle _rejectLog;

    private ActiveMedia? _media;
    private SocketAddress? _rtpDestination;
    private SocketAddress? _rtcpDestination;
    private bool _rtpLatched;
    private bool _rtcpLatched;
    private int _rtcpPort;
    private volatile bool _localHold;
    private volatile bool _stopping;
    private long _mediaStart;
    private long? _timelineAnchor;
    private long _lastPeerPacket;
    private long _packetsSent;
    private long _bytesSent;
    private Task? _rtpLoop;
    private Task? _rtcpLoop;
    private ITimer? _rtcpTimer;
    private MediaStatistics? _finalStatistics;

    /// <summary>
    /// Binds an even RTP port and the RTCP port above it from the configured range.
    /// </summary>
    /// <param name="options">Ports, jitter buffer and codec options.</param>
    /// <param name="deviceSampleRate">The audio device's rate (8000 or 16000).</param>
    /// <param name="timeProvider">Clock for RTCP timers, jitter, inactivity and NTP timestamps.</param>
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
        _ssrc = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        _receiver = new AudioReceiver(options.JitterBufferMinimum, options.JitterBufferMaximum);
        _sender = new AudioSender(
            _ssrc,
            (ushort)RandomNumberGenerator.GetInt32(0, 65536),
            (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue),
            _dtmfSender);
        _rejectLog = new LogThrottle(timeProvider, TimeSpan.FromSeconds(10));
        _frame = new FrameBuffers(deviceSampleRate);
        string cname = string.IsNullOrEmpty(options.CanonicalName) ? $"callsync-{_ssrc:x8}" : options.CanonicalName;
        _cname = Encoding.UTF8.GetBytes(cname);
        (_rtpSocket, _rtcpSocket) = BindPair(options);
        _drainSource = new SocketAddress(_rtpSocket.AddressFamily);
        LocalPort = ((IPEndPoint)_rtpSocket.LocalEndPoint!).Port;
        Log.SessionBound(_logger, LocalPort);
    }

    /// <summary>
    /// Raised once per RFC 4733 digit received, when the event ends (or at stop when its end never came), on the
    /// thread that took the packet in (a network thread or the audio clock's): handlers must return quickly.
    /// </summary>
    public event EventHandler<DtmfDigitEventArgs>? DigitReceived;

    /// <summary>The local RTP port (RTCP is one above).</summary>
    public int LocalPort { get; }

    /// <summary>Our synchronisation source.</summary>
    public uint Ssrc => _ssrc;

    /// <summary>Where RTP is sent now (the negotiated address, or the latched source); null when it cannot be reached.</summary>
    public IPEndPoint? CurrentRemote => _rtpDestination is { } a ? SocketAddresses.ToEndPoint(a) : null;

    /// <summary>The rate to record this call at (see <see cref="MediaCodecChoice.RecordingSampleRate"/>); 8000 before <see cref="Start"/>.</summary>
    public int RecordingSampleRate => _media?.Choice.RecordingSampleRate ?? 8000;

    /// <summary>Audio per packet we send (the peer's ptime within the codec's limits); zero before <see cref="Start"/>.</summary>
    public TimeSpan PacketTime => _media?.PacketTime ?? TimeSpan.Zero;

    /// <summary>True while this side holds the call (<see cref="SetLocalHold"/>).</summary>
    public bool LocalHold => _localHold;

    /// <summary>
    /// Time since the peer's last RTP or RTCP packet (since <see cref="Start"/> when none came yet), on the
    /// session's <see cref="TimeProvider"/>: the agent hangs up a vanished peer after its inactivity timeout.
    /// </summary>
    public TimeSpan TimeSinceLastPeerPacket =>
        _media is null ? TimeSpan.Zero : _time.GetElapsedTime(Interlocked.Read(ref _lastPeerPacket));

    /// <summary>
    /// Sets or clears the sink that receives both legs per period. Its <see cref="IMediaRecordingSink.SampleRate"/>
    /// (8000 or 16000) is what the session converts both legs to.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The sink's rate is not 8000 or 16000.</exception>
    public void AttachRecordingSink(IMediaRecordingSink? sink)
    {
        if (sink is not null && sink.SampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sink), sink.SampleRate, "a recording sink records at 8000 or 16000 Hz");
        }

        lock (_frameLock)
        {
            _frame.AttachSink(sink, _receiver.SampleRate);
        }
    }

    /// <summary>Starts media towards the negotiated remote.</summary>
    /// <param name="remote">The peer's RTP address.</param>
    /// <param name="codec">What was negotiated, with what the peer asked for.</param>
    /// <param name="direction">This side's direction.</param>
    /// <param name="rtcpPort">The peer's RTCP port from <c>a=rtcp</c> (RFC 3605); null for the RTP port + 1.</param>
    /// <exception cref="InvalidOperationException">Already started or stopped.</exception>
    /// <exception cref="NotSupportedException">The codec is not built into this library.</exception>
    public void Start(IPEndPoint remote, MediaCodecChoice codec, MediaDirection direction, int? rtcpPort = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (_media is not null)
        {
            throw new InvalidOperationException("The session is already started; use Update.");
        }

        long now = _time.GetTimestamp();
        _mediaStart = now;
        Interlocked.Exchange(ref _lastPeerPacket, now);
        Apply(remote, codec, direction, rtcpPort);
        if (_options.NoticeTone)
        {
            _frame.StartNoticeTone(_options);
        }

        _rtpLoop = Task.Factory.StartNew(RtpReceiveLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _rtcpLoop = Task.Factory.StartNew(RtcpReceiveLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _rtcpTimer = _time.CreateTimer(static s => ((RtpMediaSession)s!).OnRtcpTimer(), this, _options.RtcpInterval, _options.RtcpInterval);
        Log.MediaStarted(_logger, remote, codec.Codec, codec.PayloadType, direction, _media!.PacketTime.TotalMilliseconds);
    }

    /// <summary>
    /// Says that the call's audio timeline began <paramref name="elapsed"/> ago (the answer: the start of its talk
    /// time), before the clock that drives <see cref="OnFrame"/> ran. The first period then delivers the periods owed
    /// since that instant to the recording sink, late and in order (up to 2 s): silence for this side, which was not
    /// captured yet, and for the remote side silence until the audio received meanwhile, which is taken from the
    /// receive path ahead of its playout delay. So the recording lasts the talk time and the time media took to start
    /// neither shortens it nor turns into playout delay. Call after <see cref="Start"/>, before the clock runs.
    /// </summary>
    public void AnchorTimeline(TimeSpan elapsed)
    {
        lock (_frameLock)
        {
            long now = _time.GetTimestamp();
            long back = (long)(Math.Max(0, elapsed.TotalSeconds) * _time.TimestampFrequency);
            _timelineAnchor = now - back;
        }
    }

    /// <summary>Applies a re-negotiation: new remote, codec, packet time, fmtp or direction (hold and resume).</summary>
    /// <param name="remote">The peer's RTP address.</param>
    /// <param name="codec">What was negotiated, with what the peer asked for.</param>
    /// <param name="direction">This side's direction.</param>
    /// <param name="rtcpPort">The peer's RTCP port from <c>a=rtcp</c>; null for the RTP port + 1.</param>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    /// <exception cref="NotSupportedException">The codec is not built into this library.</exception>
    public void Update(IPEndPoint remote, MediaCodecChoice codec, MediaDirection direction, int? rtcpPort = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (_media is null)
        {
            throw new InvalidOperationException("The session is not started.");
        }

        Apply(remote, codec, direction, rtcpPort);
        Log.MediaUpdated(_logger, remote, codec.Codec, direction, _media.PacketTime.TotalMilliseconds);
    }

    /// <summary>
    /// Says whether this side holds the call. While held no microphone audio leaves the phone: silence is sent when
    /// the direction sends, nothing when it does not; the speaker plays nothing. The recording keeps running, one
    /// period per period, with what each side heard (silence on both legs).
    /// </summary>
    public void SetLocalHold(bool held)
    {
        if (_localHold != held)
        {
            _localHold = held;
            Log.LocalHold(_logger, held ? "on" : "off", held ? "microphone muted, speaker silent" : "microphone and speaker live");
        }
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
        _receiver.FlushDigits();
        RaiseDigits();
        MediaStatistics stats = GetStatistics();
        _finalStatistics = stats;
        lock (_frameLock)
        {
            _media?.Dispose();
        }

        _rtpSocket.Dispose();
        _rtcpSocket.Dispose();
        _protection.Dispose();
        Log.MediaStopped(_logger, stats.PacketsSent, stats.PacketsReceived, stats.PacketsLost, stats.LatePackets, stats.DiscardedAudio.TotalMilliseconds, stats.ConcealedAudio.TotalMilliseconds, stats.ConcealedFrames, stats.JitterMs, stats.Mos);
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
            Socket rtp = CreateSocket(options.LocalAddress);
            Socket rtcp = CreateSocket(options.LocalAddress);
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

    /// <summary>A UDP socket for the bind address; the IPv6 wildcard is dual-stack, so IPv4 peers work too.</summary>
    private static Socket CreateSocket(IPAddress local)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (local.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }

        return socket;
    }

    private void Apply(IPEndPoint remote, MediaCodecChoice codec, MediaDirection direction, int? rtcpPort)
    {
        lock (_frameLock)
        {
            ActiveMedia? old = _media;
            bool sameCodec = old is not null && old.Choice.Codec == codec.Codec && old.Choice.PayloadType == codec.PayloadType;
            ActiveMedia next = sameCodec
                ? old!.With(remote, codec, direction, _options)
                : ActiveMedia.Create(remote, codec, direction, _deviceRate, _options);
            _receiver.Configure(codec, next.Decoder);
            _sender.Configure(next.Encoder, codec.ClockRate, next.PacketTime, codec.PayloadType, codec.TelephoneEventPayloadType, next.SkipDtxPackets);
            _frame.Configure(next.Encoder.SampleRate, next.Decoder.SampleRate);
            int rtcp = rtcpPort is > 0 and <= 65535 ? rtcpPort.Value : remote.Port + 1;
            if (old is null || !old.Remote.Equals(remote) || rtcp != _rtcpPort)
            {
                SetRemote(remote, rtcp);
            }

            _media = next;
            if (old is not null && !sameCodec)
            {
                old.Dispose();
            }
        }
    }

    private void SetRemote(IPEndPoint remote, int rtcpPort)
    {
        _rtcpPort = rtcpPort;
        _rtpDestination = SocketAddresses.Destination(remote, _rtpSocket.AddressFamily, _rtpSocket.AddressFamily == AddressFamily.InterNetworkV6 && _rtpSocket.DualMode);
        _rtcpDestination = _rtpDestination is null
            ? null
            : SocketAddresses.Destination(new IPEndPoint(remote.Address, rtcpPort), _rtcpSocket.AddressFamily, _rtcpSocket.AddressFamily == AddressFamily.InterNetworkV6 && _rtcpSocket.DualMode);
        if (_rtpDestination is null)
        {
            Log.RemoteUnreachable(_logger, remote, _rtpSocket.AddressFamily, _options.LocalAddress);
        }

        _rtpLatched = false;
        _rtcpLatched = false;
    }
}

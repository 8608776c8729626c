using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CallSync.Agent.Calls;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Hal;
using CallSync.Media.Session;
using CallSync.Recording;
using CallSync.Sdp;
using CallSync.Sip.Media;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Media;

/// <summary>
/// The media library as the SIP user agent needs it: one <see cref="CallMediaSession"/> per call, each on its own
/// RTP port, recorded into <c>&lt;DataDir&gt;/recordings/&lt;recordId&gt;.opus</c> when recording is on.
/// </summary>
internal sealed class CallMediaHub(
    AgentOptions options,
    DataDirectory dataDirectory,
    IBoard board,
    CallRegistry registry,
    TimeProvider time,
    ILoggerFactory loggers) : ICallMediaFactory, IInCallMedia
{
    private readonly ConcurrentDictionary<string, CallMediaSession> _sessions = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger<CallMediaHub>();
    // Sip:Codecs also accepts G722 and telephone-event, reserved until the media path offers them.
    private readonly IReadOnlyList<SdpCodec> _codecs = [.. options.Sip.Codecs.Select(name => name switch
    {
        "PCMU" => SdpCodec.Pcmu,
        "PCMA" => SdpCodec.Pcma,
        "opus" => SdpCodec.Opus,
        _ => null,
    }).OfType<SdpCodec>()];

    private readonly string _announced = AnnouncedAddress(options.Rtp.Address.ToString());

    /// <summary>Finds the remote party of a call (set once the user agent exists).</summary>
    public Func<string, string?> RemoteNumberOf { get; set; } = _ => null;

    public ICallMedia Create(string callId)
    {
        var rtp = new RtpMediaSession(new RtpMediaSessionOptions
        {
            LocalAddress = options.Rtp.Address,
            PortRangeStart = options.Rtp.PortMin,
            PortRangeEnd = options.Rtp.PortMax,
            NoticeTone = options.Recording.Enabled && options.Recording.NoticeTone,
            CanonicalName = $"{options.Device.Id}@{_announced}",
        }, board.Audio.SampleRate, time, loggers.CreateLogger<RtpMediaSession>());
        var local = new SdpLocalMedia { Address = _announced, Port = rtp.LocalPort, Codecs = _codecs, UserName = options.Device.Id };
        var session = new CallMediaSession(rtp, local, board, () => StartRecorder(callId), time, _logger);
        _sessions[callId] = session;
        return session;
    }

    public bool SendDtmf(string callId, char digit) =>
        _sessions.TryGetValue(callId, out var session) && session.Rtp.SendDigits(digit.ToString());

    /// <summary>Stops the call's media and hands over what it left; null when the call never had media.</summary>
    public async Task<MediaOutcome?> FinishAsync(string callId)
    {
        if (!_sessions.TryRemove(callId, out var session))
        {
            return null;
        }

        var outcome = await session.FinishAsync().ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
        return outcome;
    }

    private CallRecorder? StartRecorder(string callId)
    {
        if (!options.Recording.Enabled)
        {
            return null;
        }

        var call = registry.GetOrAdd(callId);
        try
        {
            return CallRecorder.Start(
                new CallSync.Recording.RecordingOptions { Directory = dataDirectory.Recordings, Bitrate = options.Recording.Bitrate },
                new RecordingMetadata(call.RecordId.ToString(), callId, options.Device.Number, call.Dialled ?? RemoteNumberOf(callId) ?? "", time.GetUtcNow()),
                board.Audio.SampleRate,
                loggers.CreateLogger<CallRecorder>());
        }
        catch (RecordingException ex)
        {
            MediaLog.RecorderStartFailed(_logger, callId, ex);
            return null;
        }
    }

    // SDP must carry an address the far end can reach; a wildcard bind announces this host's first IPv4 address.
    private static string AnnouncedAddress(string bound)
    {
        if (!IPAddress.TryParse(bound, out var address) || !address.Equals(IPAddress.Any))
        {
            return bound;
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString() ?? "127.0.0.1";
    }
}

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
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Media;

/// <summary>
/// Makes each call's <see cref="CallMedia"/>: an RTP session on a free port pair of the configured range, this
/// side's SDP capabilities with that port, and the recorder (<c>&lt;DataDir&gt;/recordings/&lt;recordId&gt;.opus</c>)
/// when recording is on.
/// </summary>
internal sealed class CallMediaFactory(
    AgentOptions options,
    DataDirectory dataDirectory,
    IBoard board,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<CallMediaFactory>();
    private readonly string _announced = AnnouncedAddress(options.Rtp.Address);

    /// <summary>What every call offers and answers (the port is filled per call): the SIP user agent checks offers against it.</summary>
    public SdpLocalMedia Capabilities => Describe(port: 9);

    /// <summary>Binds the call's RTP ports (the recorder, when media starts, names itself after <paramref name="session"/>); null with a reason when the range has none free.</summary>
    public CallMedia? TryCreate(Func<CallSession> session, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(session);
        RtpMediaSession rtp;
        try
        {
            rtp = new RtpMediaSession(new RtpMediaSessionOptions
            {
                LocalAddress = options.Rtp.Address,
                PortRangeStart = options.Rtp.PortMin,
                PortRangeEnd = options.Rtp.PortMax,
                NoticeTone = options.Recording.Enabled && options.Recording.NoticeTone,
                CanonicalName = $"{options.Device.Id}@{_announced}",
            }, board.Audio.SampleRate, time, loggers.CreateLogger<RtpMediaSession>());
        }
        catch (InvalidOperationException ex)
        {
            reason = ex.Message;
            return null;
        }

        reason = null;
        return new CallMedia(rtp, Describe(rtp.LocalPort), board, () => StartRecorder(session()), time, _logger);
    }

    private SdpLocalMedia Describe(int port) => new()
    {
        Address = _announced,
        Port = port,
        Codecs = [.. options.Sip.Codecs.Select(name => SdpCodec.TryGetByName(name, out var codec) ? codec : null).OfType<SdpCodec>()
            .Where(c => CallMedia.Plays(c.Name))],
        UserName = options.Device.Id,
    };

    private CallRecorder? StartRecorder(CallSession session)
    {
        if (!options.Recording.Enabled)
        {
            return null;
        }

        try
        {
            return CallRecorder.Start(
                new CallSync.Recording.RecordingOptions { Directory = dataDirectory.Recordings, Bitrate = options.Recording.Bitrate },
                new RecordingMetadata(session.RecordId.ToString(), session.CallId, options.Device.Number, session.Remote, time.GetUtcNow()),
                board.Audio.SampleRate,
                loggers.CreateLogger<CallRecorder>());
        }
        catch (RecordingException ex)
        {
            MediaLog.RecorderStartFailed(_logger, session.CallId, ex);
            return null;
        }
    }

    // SDP must carry an address the far end can reach; a wildcard bind announces this host's first IPv4 address.
    private static string AnnouncedAddress(IPAddress bound)
    {
        if (!bound.Equals(IPAddress.Any))
        {
            return bound.ToString();
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString() ?? "127.0.0.1";
    }
}

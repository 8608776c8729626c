using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CallSync.Agent.Calls;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Agent.Storage;
using CallSync.Hal;
using CallSync.Media.Session;
using CallSync.Media.Srtp;
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
    StorageMonitor storage,
    IBoard board,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<CallMediaFactory>();
    private readonly string _announced = AnnouncedAddress(options.Rtp.Address);
    private readonly string? _announced6 = options.Rtp.Address6 is { } v6 ? AnnouncedAddress(v6) : null;

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
                // With Rtp:Address6 one dual-stack socket per port serves both announced addresses (an IPv4 peer
                // arrives as a mapped address): the port in the SDP is the same whichever family the peer uses.
                LocalAddress = options.Rtp.Address6 is null ? options.Rtp.Address : IPAddress.IPv6Any,
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
        return new CallMedia(rtp, Describe(rtp.LocalPort), board, rate => StartRecorder(session(), rate), time, _logger);
    }

    private SdpLocalMedia Describe(int port) => new()
    {
        Address = _announced,
        Ipv6Address = _announced6,
        Port = port,
        Codecs = [.. options.Sip.Codecs.Select(name => SdpCodec.TryGetByName(name, out var codec) ? codec : null).OfType<SdpCodec>()
            .Where(c => CallMedia.Plays(c.Name))],
        UserName = options.Device.Id,
        Encryption = options.Rtp.Encryption switch
        {
            MediaEncryption.Optional => SdpEncryption.Optional,
            MediaEncryption.Required => SdpEncryption.Required,
            _ => SdpEncryption.Off,
        },
        CryptoSuites = [.. SrtpSuites.All.Select(SrtpSuites.GetName)],
    };

    /// <param name="session">The call.</param>
    /// <param name="sampleRate">The negotiated codec's recording rate: 16000 for G.722 and Opus, 8000 for G.711.</param>
    private CallRecorder? StartRecorder(CallSession session, int sampleRate)
    {
        if (!options.Recording.Enabled)
        {
            return null;
        }

        if (!storage.MayStartRecording())
        {
            // The call goes on; its record says there is no recording and why (the diskFull flag).
            StorageLog.RecordingSkipped(_logger, session.CallId);
            return null;
        }

        try
        {
            return CallRecorder.Start(
                new CallSync.Recording.RecordingOptions
                {
                    Directory = dataDirectory.Recordings,
                    Bitrate = options.Recording.Bitrate,

                    // A recording running when the disk fills ends there (cut short), so the space left goes to records.
                    StopWhen = () => storage.IsFull,
                },
                new RecordingMetadata(session.RecordId.ToString(), session.CallId, options.Device.Number, session.Remote, time.GetUtcNow()),
                sampleRate,
                loggers.CreateLogger<CallRecorder>());
        }
        catch (RecordingException ex)
        {
            MediaLog.RecorderStartFailed(_logger, session.CallId, ex);
            return null;
        }
    }

    // SDP must carry an address the far end can reach; a wildcard announces this host's first address of its
    // family (IPv6: a global one, not link-local, which would need a scope the SDP cannot carry).
    private static string AnnouncedAddress(IPAddress configured)
    {
        if (!configured.Equals(IPAddress.Any) && !configured.Equals(IPAddress.IPv6Any))
        {
            return configured.ToString();
        }

        var family = configured.AddressFamily;
        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == family && !a.IsIPv6LinkLocal)?.ToString()
            ?? (family == AddressFamily.InterNetworkV6 ? "::1" : "127.0.0.1");
    }
}

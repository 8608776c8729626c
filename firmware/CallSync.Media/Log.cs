using System.Net;
using Microsoft.Extensions.Logging;

namespace CallSync.Media;

/// <summary>Log messages of the media layer (event ids 2000-2099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "RTP session bound to port {Port}")]
    public static partial void SessionBound(ILogger logger, int port);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Media started to {Remote} codec {Codec} pt {PayloadType} direction {Direction}, sending {PacketTimeMs} ms per packet")]
    public static partial void MediaStarted(ILogger logger, IPEndPoint remote, Session.AudioCodec codec, byte payloadType, Session.MediaDirection direction, double packetTimeMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Media updated to {Remote} codec {Codec} direction {Direction}, sending {PacketTimeMs} ms per packet")]
    public static partial void MediaUpdated(ILogger logger, IPEndPoint remote, Session.AudioCodec codec, Session.MediaDirection direction, double packetTimeMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Symmetric RTP: latched {Kind} to {Source}")]
    public static partial void Latched(ILogger logger, string kind, EndPoint? source);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Media stopped: sent {Sent} received {Received} lost {Lost} late {Late} discarded {DiscardedMs:F0} ms concealed {ConcealedMs:F0} ms in {ConcealedPeriods} periods jitter {JitterMs:F1} ms MOS {Mos:F2}")]
    public static partial void MediaStopped(ILogger logger, long sent, long received, long lost, long late, double discardedMs, double concealedMs, long concealedPeriods, double jitterMs, double mos);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "DTMF digit {Digit} received at {Offset} for {DurationMs:F0} ms")]
    public static partial void DigitReceived(ILogger logger, char digit, TimeSpan offset, double durationMs);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "RTCP BYE received from SSRC {Ssrc}")]
    public static partial void ByeReceived(ILogger logger, uint ssrc);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Socket error on the {Kind} socket: {Error}")]
    public static partial void SocketError(ILogger logger, string kind, System.Net.Sockets.SocketError error);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Recording sink failed; recording detached")]
    public static partial void SinkFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "RTP packet from {Source} ignored: {Reason} (pt {PayloadType}; {Suppressed} more ignored since the last report)")]
    public static partial void PacketRejected(ILogger logger, EndPoint? source, string reason, int payloadType, long suppressed);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Remote media address {Remote} cannot be reached from the {Family} socket bound to {Local}: nothing is sent")]
    public static partial void RemoteUnreachable(ILogger logger, IPEndPoint remote, System.Net.Sockets.AddressFamily family, IPAddress local);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "Symmetric RTP: {Kind} from {Source} is not from the negotiated host {Remote}; not latched (logged once)")]
    public static partial void NotLatched(ILogger logger, string kind, EndPoint? source, IPAddress remote);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Information, Message = "Local hold {State}: {What}")]
    public static partial void LocalHold(ILogger logger, string state, string what);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Information, Message = "Media clock ran {LateMs:F0} ms after the answer: {Owed} periods recorded late ({Ahead} of them audio received meanwhile), {Skipped} beyond the catch-up limit left out")]
    public static partial void TimelineCaughtUp(ILogger logger, double lateMs, int owed, int ahead, long skipped);

    [LoggerMessage(EventId = 2025, Level = LogLevel.Information, Message = "SRTP {State} (suite {Suite})")]
    public static partial void SrtpKeys(ILogger logger, string state, string suite);
}

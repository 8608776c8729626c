using System.Net;
using Microsoft.Extensions.Logging;

namespace CallSync.Media;

/// <summary>Log messages of the media layer (event ids 2000-2999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "RTP session bound to port {Port}")]
    public static partial void SessionBound(ILogger logger, int port);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Media started to {Remote} codec {Codec} pt {PayloadType} direction {Direction}")]
    public static partial void MediaStarted(ILogger logger, IPEndPoint remote, Session.AudioCodec codec, byte payloadType, Session.MediaDirection direction);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Media updated to {Remote} codec {Codec} direction {Direction}")]
    public static partial void MediaUpdated(ILogger logger, IPEndPoint remote, Session.AudioCodec codec, Session.MediaDirection direction);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Symmetric RTP: latched {Kind} to {Source}")]
    public static partial void Latched(ILogger logger, string kind, EndPoint source);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Undecodable payload (seq {Sequence}); concealed")]
    public static partial void DecodeFailed(ILogger logger, ushort sequence, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Media stopped: sent {Sent} received {Received} lost {Lost} jitter {JitterMs:F1} ms MOS {Mos:F2}")]
    public static partial void MediaStopped(ILogger logger, long sent, long received, long lost, double jitterMs, double mos);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "DTMF digit {Digit} received")]
    public static partial void DigitReceived(ILogger logger, char digit);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "RTCP BYE received from SSRC {Ssrc}")]
    public static partial void ByeReceived(ILogger logger, uint ssrc);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Socket error on the {Kind} socket: {Error}")]
    public static partial void SocketError(ILogger logger, string kind, System.Net.Sockets.SocketError error);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Recording sink failed; recording detached")]
    public static partial void SinkFailed(ILogger logger, Exception exception);
}

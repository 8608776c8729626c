using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Media;

/// <summary>The agent's media wiring log messages (event ids 300-399).</summary>
internal static partial class MediaLog
{
    [LoggerMessage(300, LogLevel.Warning, "Negotiated media not usable: codec {Codec}, address {Address}")]
    public static partial void UnusableNegotiation(ILogger logger, string codec, string address);

    [LoggerMessage(301, LogLevel.Information, "The handset carries another call; RTP port {Port} runs on its own clock (silence sent, the remote side still received and recorded)")]
    public static partial void HandsetBusy(ILogger logger, int port);

    [LoggerMessage(302, LogLevel.Error, "Recording failed")]
    public static partial void RecordingFailed(ILogger logger, Exception exception);

    [LoggerMessage(303, LogLevel.Error, "Cannot start the recording for call {CallId}; the call goes on unrecorded")]
    public static partial void RecorderStartFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(304, LogLevel.Information, "Sealed {Count} recording(s) cut short by the last stop")]
    public static partial void SealedCutShort(ILogger logger, int count);

    [LoggerMessage(305, LogLevel.Error, "SRTP keys of suite {Suite} agreed in SDP cannot key the media ({Result}); the negotiation is not applied")]
    public static partial void SrtpKeysUnusable(ILogger logger, string suite, string result);
}

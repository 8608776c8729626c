using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Companion;

/// <summary>The agent's companion link wiring (event ids 500-509; the server and BlueZ log under their own ids).</summary>
internal static partial class CompanionLog
{
    [LoggerMessage(500, LogLevel.Warning, "Companion:Listen {Entry} skipped, the other transports serve: {Reason}")]
    public static partial void TransportSkipped(ILogger logger, string entry, string reason);

    [LoggerMessage(501, LogLevel.Warning, "Companion link not serving: none of Companion:Listen ({Entries}) could be opened")]
    public static partial void NothingListening(ILogger logger, string entries);
}

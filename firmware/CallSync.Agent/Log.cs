using Microsoft.Extensions.Logging;

namespace CallSync.Agent;

/// <summary>The agent host's log messages (event ids 100-199; components of the agent use 200-999).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "callsync-agent {Version} starting: device {DeviceId} ({Number}), board {Board}, data {DataDir}")]
    public static partial void Starting(ILogger logger, string version, string deviceId, string number, string board, string dataDir);

    [LoggerMessage(101, LogLevel.Warning, "Configuration key {Key} is not used by this agent and is ignored{Hint}")]
    public static partial void UnknownKey(ILogger logger, string key, string hint);

    [LoggerMessage(102, LogLevel.Information, "Ready. {Summary}")]
    public static partial void Ready(ILogger logger, string summary);

    [LoggerMessage(103, LogLevel.Information, "Stopping: {Reason}")]
    public static partial void Stopping(ILogger logger, string reason);

    [LoggerMessage(104, LogLevel.Information, "Stopped cleanly")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(105, LogLevel.Information, "Memory after start: {Before:F1} -> {After:F1} MiB resident ({Anonymous:F1} MiB heaps and runtime data, {FileBacked:F1} MiB code and mapped files); start-up's code and data paged out from {Mappings} mappings ({Settled})")]
    public static partial void MemoryTrimmed(ILogger logger, double before, double after, double anonymous, double fileBacked, int mappings, string settled);

    [LoggerMessage(106, LogLevel.Warning, "Memory after start: start-up's code and data stay resident: {Problem}")]
    public static partial void MemoryTrimSkipped(ILogger logger, string problem);

    [LoggerMessage(107, LogLevel.Information, "Memory after start: not trimmed (a JIT-compiled agent; the NativeAOT agent a board runs is)")]
    public static partial void MemoryTrimNotApplicable(ILogger logger);

    [LoggerMessage(110, LogLevel.Information, "Control socket listening on {Path}")]
    public static partial void ControlListening(ILogger logger, string path);

    [LoggerMessage(111, LogLevel.Warning, "Control request refused: {Reason}")]
    public static partial void ControlRejected(ILogger logger, string reason);

    [LoggerMessage(112, LogLevel.Information, "Control: {Command} -> exit {Exit}")]
    public static partial void ControlHandled(ILogger logger, string command, int exit);

    [LoggerMessage(113, LogLevel.Error, "Control command {Command} failed")]
    public static partial void ControlFailed(ILogger logger, string command, Exception exception);

    [LoggerMessage(114, LogLevel.Warning, "Control connection failed")]
    public static partial void ControlConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(115, LogLevel.Warning, "{Advice}")]
    public static partial void ConfigurationAdvice(ILogger logger, string advice);

    [LoggerMessage(120, LogLevel.Information, "systemd watchdog: pinging every {Interval}")]
    public static partial void WatchdogEnabled(ILogger logger, TimeSpan interval);

    [LoggerMessage(130, LogLevel.Information, "Console: {Text}")]
    public static partial void ConsoleAnswer(ILogger logger, string text);

    [LoggerMessage(131, LogLevel.Information, "Board control input on standard input: type 'help'")]
    public static partial void ConsoleEnabled(ILogger logger);
}

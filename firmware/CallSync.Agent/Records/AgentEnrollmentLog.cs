using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>The agent's enrollment log messages (event ids 420-439).</summary>
internal static partial class AgentEnrollmentLog
{
    [LoggerMessage(420, LogLevel.Information, "Using the credentials issued by {HubUrl} at {EnrolledAt}")]
    public static partial void UsingStored(ILogger logger, string hubUrl, DateTimeOffset enrolledAt);

    [LoggerMessage(421, LogLevel.Error, "Stored hub credentials are not usable: {Problem}; enroll again")]
    public static partial void StoredUnusable(ILogger logger, string problem);

    [LoggerMessage(422, LogLevel.Information, "Enrolled with {HubUrl}: broker {BrokerUrl}, credentials stored in {Path}")]
    public static partial void Enrolled(ILogger logger, string hubUrl, string brokerUrl, string path);

    [LoggerMessage(423, LogLevel.Error, "Enrollment with {HubUrl} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string hubUrl, string reason);

    [LoggerMessage(424, LogLevel.Warning, "Enrollment with {HubUrl} failed ({Reason}); trying again in {Delay}")]
    public static partial void Retrying(ILogger logger, string hubUrl, string reason, TimeSpan delay);

    [LoggerMessage(425, LogLevel.Information, "Already enrolled: Enrollment:Code is not used (a new code is enrolled with 'callsync enroll URL CODE')")]
    public static partial void CodeIgnored(ILogger logger);
}

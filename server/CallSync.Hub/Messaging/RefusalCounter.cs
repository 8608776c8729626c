using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Messaging;

/// <summary>
/// Counts what the hub refused from outside (a broker client that failed to authenticate, a publish or subscription
/// outside its rules, a message from an unknown device, a record whose device id disagrees with its topic, a reply that is
/// unsigned, badly signed or malformed) by reason, for <c>GET /api/v1/admin/refusals</c>, and logs each at most once a minute per reason
/// and subject.
/// </summary>
internal sealed class RefusalCounter(LogThrottle throttle, ILogger<RefusalCounter> logger)
{
    public const string BadCredentials = "bad-credentials";
    public const string PublishNotAllowed = "publish-not-allowed";
    public const string SubscribeNotAllowed = "subscribe-not-allowed";
    public const string UnknownDevice = "unknown-device";
    public const string IdentityMismatch = "identity-mismatch";
    public const string DeviceIdMismatch = "device-id-mismatch";
    public const string MalformedRecord = "malformed-record";
    public const string BadReply = "bad-reply";

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts one refusal of <paramref name="subject"/> (a user name, device id or address) and logs it, rate-limited.</summary>
    public void Refuse(string reason, string subject, string detail)
    {
        _counts.AddOrUpdate(reason, 1, static (_, n) => n + 1);
        if (throttle.ShouldLog(reason + "|" + subject, out var suppressed))
        {
            Log.Refused(logger, reason, subject, detail, suppressed);
        }
    }

    /// <summary>How many refusals of each reason since start.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public long Count(string reason) => _counts.TryGetValue(reason, out var n) ? n : 0;
}

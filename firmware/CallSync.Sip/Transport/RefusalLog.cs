namespace CallSync.Sip.Transport;

/// <summary>
/// Lets each distinct refusal reason into the log at most once per interval: a phone retrying a refused server logs
/// the reason once, yet a new reason (another server, another certificate) shows at once. Holds at most 64 reasons.
/// </summary>
internal sealed class RefusalLog(TimeProvider time, TimeSpan interval)
{
    private const int MaxReasons = 64;
    private readonly Dictionary<string, DateTimeOffset> _logged = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>True when <paramref name="reason"/> was not logged within the interval (and it counts as logged now).</summary>
    public bool ShouldLog(string reason)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_logged.TryGetValue(reason, out var last) && now - last < interval)
            {
                return false;
            }

            if (_logged.Count >= MaxReasons)
            {
                _logged.Clear();
            }

            _logged[reason] = now;
            return true;
        }
    }
}

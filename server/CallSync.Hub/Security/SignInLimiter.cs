using System.Collections.Concurrent;
using CallSync.Hub.Configuration;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Security;

/// <summary>
/// Brute-force protection for sign-in and enrollment: failed attempts are counted per user and per client address in
/// a fixed window (<c>Security:SignInWindow</c>) that starts at the first failure. Once a count reaches its limit every
/// further attempt for that user or from that address, right or wrong, is refused with 429 and the time left until
/// the window ends; then the count starts again. A successful sign-in clears the user's count (not the address's).
/// Refusals are logged, at most one line per user or address per minute. Memory is bounded.
/// </summary>
internal sealed class SignInLimiter(SecurityOptions options, TimeProvider timeProvider, LogThrottle throttle, ILogger<SignInLimiter> logger)
{
    public const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>True when this attempt must be refused; <paramref name="retryAfter"/> says for how long.</summary>
    public bool IsBlocked(string? userId, string address, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = timeProvider.GetTimestamp();
        retryAfter = TimeSpan.Zero;
        foreach (var (key, limit) in Keys(userId, address))
        {
            if (_windows.TryGetValue(key, out var window) && window.Remaining(now, limit, options.SignInWindow, timeProvider) is { } left && left > retryAfter)
            {
                retryAfter = left;
            }
        }

        if (retryAfter <= TimeSpan.Zero)
        {
            return false;
        }

        var subject = userId is null ? "address " + address : $"user {userId} from {address}";
        if (throttle.ShouldLog("sign-in:" + subject, out var suppressed))
        {
            Log.SignInRefused(logger, subject, retryAfter, suppressed);
        }

        return true;
    }

    public void Failed(string? userId, string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = timeProvider.GetTimestamp();
        if (_windows.Count >= MaxTracked)
        {
            Prune(now);
        }

        foreach (var (key, _) in Keys(userId, address))
        {
            if (_windows.Count < MaxTracked || _windows.ContainsKey(key))
            {
                _windows.GetOrAdd(key, _ => new Window()).Fail(now, options.SignInWindow, timeProvider);
            }
        }
    }

    public void Succeeded(string userId) => _windows.TryRemove("u:" + userId, out _);

    private IEnumerable<(string Key, int Limit)> Keys(string? userId, string address)
    {
        yield return ("a:" + address, options.SignInLimitPerAddress);
        if (userId is not null)
        {
            yield return ("u:" + userId, options.SignInLimitPerUser);
        }
    }

    private void Prune(long now)
    {
        foreach (var (key, window) in _windows)
        {
            if (window.IsOver(now, options.SignInWindow, timeProvider))
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window
    {
        private readonly Lock _gate = new();
        private long _start;
        private int _failures;

        public void Fail(long now, TimeSpan length, TimeProvider time)
        {
            lock (_gate)
            {
                if (_failures == 0 || time.GetElapsedTime(_start, now) >= length)
                {
                    _start = now;
                    _failures = 0;
                }

                _failures++;
            }
        }

        public TimeSpan? Remaining(long now, int limit, TimeSpan length, TimeProvider time)
        {
            lock (_gate)
            {
                var elapsed = time.GetElapsedTime(_start, now);
                return _failures >= limit && elapsed < length ? length - elapsed : null;
            }
        }

        public bool IsOver(long now, TimeSpan length, TimeProvider time)
        {
            lock (_gate)
            {
                return time.GetElapsedTime(_start, now) >= length;
            }
        }
    }
}

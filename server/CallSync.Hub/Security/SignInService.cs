using CallSync.Hub.Configuration;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Security;

/// <summary>
/// Password sign-in (docs/security.md, "On the hub"): rate-limited per user and address (<see cref="SignInLimiter"/>);
/// every attempt that gets that far verifies exactly one password hash, the user's or, for an unknown user, a dummy
/// hash with the configured iteration count, so the answer time does not tell which user ids exist; each failure is
/// written to the audit trail (bounded by the limiter) and logged at most once a minute per address.
/// </summary>
internal sealed class SignInService(
    UserStore users,
    AccessTokenService tokens,
    SignInLimiter limiter,
    AppBrokerAccess brokerAccess,
    BindingStore audit,
    SecurityOptions options,
    LogThrottle throttle,
    ILogger<SignInService> logger)
{
    public const int MaxPasswordLength = 1024;
    public const string AuditAction = "sign-in";

    private readonly Lazy<string> _dummyHash = new(() => PasswordHasher.Hash(HubDataDirectory.NewSecret(), options.PasswordIterations));
    private long _verifications;

    /// <summary>Password hashes verified since start (one per attempt that was not blocked): what the timing tests compare.</summary>
    public long Verifications => Interlocked.Read(ref _verifications);

    public async Task<SignInOutcome> SignInAsync(string? userId, string? password, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var id = UserIdRules.IsValid(userId) ? userId : null;
        if (limiter.IsBlocked(id, address, out var retryAfter))
        {
            return new SignInOutcome(429, null, default, retryAfter);
        }

        var usable = password is { Length: <= MaxPasswordLength };
        var user = id is not null && usable ? await users.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;

        // One verification whatever the input: against the user's hash, or the dummy for an unknown user or unusable password.
        Interlocked.Increment(ref _verifications);
        var matches = PasswordHasher.Verify(usable ? password! : string.Empty, user?.PasswordHash ?? _dummyHash.Value);
        if (user is null || !matches)
        {
            limiter.Failed(id, address);
            var reason = id is null ? "malformed user id" : !usable ? "unusable password" : user is null ? "unknown user" : "wrong password";
            await audit.AuditAsync(address, AuditAction, id ?? string.Empty, string.Empty, "failed", reason, cancellationToken).ConfigureAwait(false);
            if (throttle.ShouldLog("sign-in-failed:" + address, out var suppressed))
            {
                Log.SignInFailed(logger, id ?? "(malformed)", address, reason, suppressed);
            }

            return SignInOutcome.Refused;
        }

        limiter.Succeeded(user.UserId);
        if (user.Disabled)
        {
            await audit.AuditAsync(address, AuditAction, user.UserId, string.Empty, "refused", "user is disabled", cancellationToken).ConfigureAwait(false);
            return SignInOutcome.Disabled;
        }

        var (token, expires) = tokens.Issue(user.UserId, user.Role);
        await brokerAccess.RegisterAsync(user.UserId, token, expires, cancellationToken).ConfigureAwait(false);
        return new SignInOutcome(200, token, expires, TimeSpan.Zero);
    }
}

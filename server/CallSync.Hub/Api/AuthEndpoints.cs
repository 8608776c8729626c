using CallSync.Hub.Configuration;
using CallSync.Hub.Push;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>Sign-in (rate-limited per user and per address) and the caller's own profile, password and push policy.</summary>
internal static class AuthEndpoints
{
    public const int MaxPasswordLength = SignInService.MaxPasswordLength;

    public static void Map(IEndpointRouteBuilder api, RouteGroupBuilder user)
    {
        api.MapPost("/auth/token", IssueTokenAsync).WithName("IssueToken").WithTags("auth");
        user.MapGet("/me", GetMeAsync).WithName("GetMe").WithTags("me");
        user.MapPut("/me/password", ChangePasswordAsync).WithName("ChangePassword").WithTags("me");
        user.MapPut("/me/push", SetPushAsync).WithName("SetPushPolicy").WithTags("me");
    }

    /// <summary>The caller's address, as the limiter counts it.</summary>
    public static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>429 with <c>Retry-After</c> in whole seconds.</summary>
    public static IResult TooManyAttempts(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiResults.Error(StatusCodes.Status429TooManyRequests, $"too many failed attempts; try again in {seconds} s");
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest body, HttpContext http, SignInService signIn, CancellationToken cancellationToken)
    {
        var outcome = await signIn.SignInAsync(body.UserId, body.Password, Address(http), cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            StatusCodes.Status200OK => TypedResults.Json(new TokenResponse(outcome.Token!, outcome.ExpiresAt), HubJsonContext.Default.TokenResponse),
            StatusCodes.Status429TooManyRequests => TooManyAttempts(http, outcome.RetryAfter),
            StatusCodes.Status403Forbidden => ApiResults.Error(StatusCodes.Status403Forbidden, "this user is disabled; ask an admin"),

            // The same 401 for an unknown user and a wrong password: the API does not reveal which user ids exist.
            _ => ApiResults.Error(StatusCodes.Status401Unauthorized, "unknown user or wrong password"),
        };
    }

    /// <summary>The audit trail's action for password changes, refused or done.</summary>
    public const string PasswordAuditAction = "password-change";

    private static async Task<IResult> ChangePasswordAsync(
        PasswordChangeRequest body, HttpContext http, UserStore users, SecurityOptions security, SignInLimiter limiter, BindingStore audit, CancellationToken cancellationToken)
    {
        var caller = AuthFilter.Caller(http);
        var address = Address(http);
        if (limiter.IsBlocked(caller.UserId, address, out var retryAfter))
        {
            return TooManyAttempts(http, retryAfter);
        }

        if (body.NewPassword is not { Length: >= 8 and <= MaxPasswordLength })
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "newPassword must have 8 to 1024 characters");
        }

        var user = await users.GetAsync(caller.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || body.CurrentPassword is not { Length: <= MaxPasswordLength } || !PasswordHasher.Verify(body.CurrentPassword, user.PasswordHash))
        {
            limiter.Failed(caller.UserId, address);
            await audit.AuditAsync(address, PasswordAuditAction, caller.UserId, string.Empty, "refused", "current password wrong", cancellationToken).ConfigureAwait(false);
            return ApiResults.Error(StatusCodes.Status403Forbidden, "currentPassword is wrong");
        }

        await users.SetPasswordHashAsync(caller.UserId, PasswordHasher.Hash(body.NewPassword, security.PasswordIterations), cancellationToken).ConfigureAwait(false);
        await audit.AuditAsync(address, PasswordAuditAction, caller.UserId, string.Empty, "changed", string.Empty, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetMeAsync(HttpContext http, UserStore users, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(AuthFilter.Caller(http).UserId, cancellationToken).ConfigureAwait(false);
        return user is null
            ? ApiResults.Error(StatusCodes.Status404NotFound, "user no longer exists")
            : TypedResults.Json(user.ToDto(), HubJsonContext.Default.UserDto);
    }

    private static async Task<IResult> SetPushAsync(PushPolicyRequest body, HttpContext http, UserStore users, CancellationToken cancellationToken)
    {
        if (!UserStore.TryParsePolicy(body.Policy, out var policy))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "policy must be off, immediate or daily");
        }

        var time = new TimeOnly(18, 0);
        if (body.Time is not null && !TimeOnly.TryParseExact(body.Time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "time must be HH:mm");
        }

        var zone = body.TimeZone ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "timeZone must be an IANA time zone id such as Europe/Berlin");
        }

        var caller = AuthFilter.Caller(http);
        await users.SetPushPolicyAsync(caller.UserId, policy, time, zone, cancellationToken).ConfigureAwait(false);
        var user = await users.GetAsync(caller.UserId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(user!.ToDto(), HubJsonContext.Default.UserDto);
    }
}

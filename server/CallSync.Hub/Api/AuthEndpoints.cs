using CallSync.Hub.Configuration;
using CallSync.Hub.Push;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>Sign-in and the caller's own profile and push policy.</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder api, RouteGroupBuilder user)
    {
        api.MapPost("/auth/token", IssueTokenAsync).WithName("IssueToken").WithTags("auth");
        user.MapGet("/me", GetMeAsync).WithName("GetMe").WithTags("me");
        user.MapPut("/me/push", SetPushAsync).WithName("SetPushPolicy").WithTags("me");
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest body, UserStore users, AccessTokenService tokens, CancellationToken cancellationToken)
    {
        var user = UserIdRules.IsValid(body.UserId) && body.Password is not null
            ? await users.GetAsync(body.UserId, cancellationToken).ConfigureAwait(false)
            : null;

        // The same 401 for an unknown user and a wrong password: the API does not reveal which user ids exist.
        if (user is null || !PasswordHasher.Verify(body.Password!, user.PasswordHash))
        {
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "unknown user or wrong password");
        }

        var (token, expires) = tokens.Issue(user.UserId, user.Role);
        return TypedResults.Json(new TokenResponse(token, expires), HubJsonContext.Default.TokenResponse);
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

using CallSync.Contracts;
using CallSync.Hub.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>
/// <c>POST /api/v1/enroll</c>: the phone's side of enrollment (docs/security.md). No token: the one-time code is the
/// credential, so wrong codes count against the caller's address like failed sign-ins (429 with Retry-After).
/// </summary>
internal static class EnrollEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/enroll", EnrollAsync).WithName("Enroll").WithTags("enrollment");

    private static async Task<IResult> EnrollAsync(EnrollmentRequest body, HttpContext http, EnrollmentService enrollment, SignInLimiter limiter, CancellationToken cancellationToken)
    {
        var address = AuthEndpoints.Address(http);
        if (limiter.IsBlocked(null, address, out var retryAfter))
        {
            return AuthEndpoints.TooManyAttempts(http, retryAfter);
        }

        var outcome = await enrollment.EnrollAsync(body, http.Request.Host.Host.Trim('[', ']'), cancellationToken).ConfigureAwait(false);
        if (outcome.Issued is null)
        {
            limiter.Failed(null, address);
            return ApiResults.Error(outcome.Status, outcome.Reason);
        }

        return TypedResults.Json(outcome.Issued, CallSyncJsonContext.Default.EnrollmentResponse);
    }
}

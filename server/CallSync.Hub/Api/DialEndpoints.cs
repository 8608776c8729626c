using CallSync.Hub.Dialing;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>Remote dial through the hub and its progress.</summary>
internal static class DialEndpoints
{
    public static void Map(RouteGroupBuilder user)
    {
        user.MapPost("/devices/{deviceId}/dial", DialAsync).WithName("Dial").WithTags("dial");
        user.MapGet("/dials/{requestId}", GetAsync).WithName("GetDial").WithTags("dial");
    }

    private static async Task<IResult> DialAsync(string deviceId, DialBody body, HttpContext http, DialService dials, CancellationToken cancellationToken)
    {
        var outcome = await dials.RequestAsync(AuthFilter.Caller(http).UserId, deviceId, body.Number ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return outcome.Kind switch
        {
            DialRequestOutcomeKind.Sent => TypedResults.Json(outcome.Request!.ToDto(), HubJsonContext.Default.DialDto, statusCode: StatusCodes.Status202Accepted),
            DialRequestOutcomeKind.InvalidNumber => ApiResults.Error(StatusCodes.Status400BadRequest, "number is not diallable"),
            DialRequestOutcomeKind.NotBound => ApiResults.Error(StatusCodes.Status403Forbidden, "not bound to this device with dial permission"),
            DialRequestOutcomeKind.UnknownDevice => ApiResults.Error(StatusCodes.Status404NotFound, "no such device"),
            DialRequestOutcomeKind.NotEnrolled => ApiResults.Error(StatusCodes.Status409Conflict, "the device has not enrolled (or was revoked)"),
            _ => ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the hub is not connected to the MQTT broker"),
        };
    }

    private static async Task<IResult> GetAsync(string requestId, HttpContext http, DialStore dials, CancellationToken cancellationToken)
    {
        var dial = await dials.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        var caller = AuthFilter.Caller(http);
        if (dial is null || (dial.UserId != caller.UserId && !caller.IsAdmin))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "no such dial request");
        }

        return TypedResults.Json(dial.ToDto(), HubJsonContext.Default.DialDto);
    }
}

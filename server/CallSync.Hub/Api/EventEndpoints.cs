using CallSync.Hub.Events;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallSync.Hub.Api;

/// <summary>Live updates as server-sent events, per user, only what that user may see.</summary>
internal static class EventEndpoints
{
    public static void Map(RouteGroupBuilder user) =>
        user.MapGet("/events", Stream).WithName("Events").WithTags("events").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static EventStreamResult Stream(HttpContext http, EventFanout fanout, EventStore store, UserStore users, TimeProvider timeProvider) =>
        new EventStreamResult(AuthFilter.Caller(http), fanout, store, users, timeProvider);
}

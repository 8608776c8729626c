using CallSync.Contracts;
using Microsoft.AspNetCore.Http;

namespace CallSync.Hub.Api;

/// <summary>
/// Every route of the API that takes a device id (a <c>{deviceId}</c> route value or a <c>deviceId</c> query) takes only
/// the device alphabet (<see cref="DeviceIdRules"/>): anything else gets 400 with the rule before a handler, a query or a
/// log line sees it.
/// </summary>
internal sealed class DeviceIdFilter : IEndpointFilter
{
    private const string Name = "deviceId";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if ((request.RouteValues.TryGetValue(Name, out var routeValue) && !DeviceIdRules.IsValid(routeValue as string))
            || (request.Query.TryGetValue(Name, out var query) && (query.Count != 1 || !DeviceIdRules.IsValid(query[0]))))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "deviceId: " + DeviceIdRules.Description);
        }

        return await next(context).ConfigureAwait(false);
    }
}

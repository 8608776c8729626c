using CallSync.Hub.Security;
using Microsoft.AspNetCore.Http;

namespace CallSync.Hub.Api;

/// <summary>
/// Requires a valid bearer token (401 with <c>WWW-Authenticate: Bearer</c> when missing, malformed, tampered or
/// expired) and, for admin groups, the admin role (403).
/// </summary>
internal sealed class AuthFilter(AccessTokenService tokens, bool requireAdmin) : IEndpointFilter
{
    private static readonly object TokenKey = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        var raw = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : null;
        if (!tokens.TryValidate(raw, out var token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "missing, invalid or expired access token");
        }

        if (requireAdmin && !token!.IsAdmin)
        {
            return ApiResults.Error(StatusCodes.Status403Forbidden, "admin role required");
        }

        http.Items[TokenKey] = token;
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The caller's verified token; only valid inside a group guarded by this filter.</summary>
    public static AccessToken Caller(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return (AccessToken)http.Items[TokenKey]!;
    }
}

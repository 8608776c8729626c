using CallSync.Hub.Security;
using Microsoft.AspNetCore.Http;

namespace CallSync.Hub.Api;

/// <summary>
/// Requires a valid bearer token of an existing, enabled user (401 with <c>WWW-Authenticate: Bearer</c> when missing,
/// malformed, tampered, expired, or the user is deleted or disabled) and, for admin groups, the admin role (403).
/// </summary>
internal sealed class AuthFilter(TokenAuthenticator authenticator, bool requireAdmin) : IEndpointFilter
{
    private static readonly object TokenKey = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var token = await authenticator.AuthenticateAsync(TokenAuthenticator.Bearer(http.Request.Headers.Authorization.ToString()), http.RequestAborted)
            .ConfigureAwait(false);
        if (token is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "missing, invalid or expired access token");
        }

        if (requireAdmin && !token.IsAdmin)
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

using System.Net;
using System.Net.Http.Headers;

namespace CallSync.Web.Services;

/// <summary>Adds the session's bearer token to every API request; a 401 answer ends the session.</summary>
public sealed class BearerHandler(Session session) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (session.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && request.RequestUri?.OriginalString.Contains("auth/token", StringComparison.Ordinal) != true)
        {
            session.Expire();
        }

        return response;
    }
}

using System.Globalization;
using System.Text;
using CallSync.Hub.Events;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CallSync.Hub.Api;

/// <summary>
/// <c>GET /api/v1/events</c> as <c>text/event-stream</c>: first <c>event: ready</c>, then (with <c>Last-Event-ID</c>)
/// what the caller missed while still in the log, then live events, with a comment line every
/// <see cref="Heartbeat"/> so proxies keep the connection. The stream ends when the access token expires (the app
/// reconnects with a fresh one), when the client reads too slowly, and, checked at every heartbeat, when the user is
/// disabled, deleted or given another role (at once on the instance that made the change:
/// <see cref="EventFanout.EndStreamsOf"/>).
/// </summary>
internal sealed class EventStreamResult(AccessToken caller, EventFanout fanout, EventStore store, UserStore users, TimeProvider timeProvider) : IResult
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private const int MaxReplay = 1000;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var expiry = new CancellationTokenSource(Clamp(caller.ExpiresAt - timeProvider.GetUtcNow()), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, expiry.Token);
        var cancellationToken = linked.Token;
        var subscription = await fanout.SubscribeAsync(caller, cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(response, "retry: 2000\nevent: ready\ndata: {}\n\n", cancellationToken).ConfigureAwait(false);
            var replayedUpTo = await ReplayAsync(httpContext.Request, response, subscription, cancellationToken).ConfigureAwait(false);
            await StreamAsync(response, subscription, replayedUpTo, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the client left or the token expired: the stream simply ends
        }
        catch (IOException)
        {
            // the connection broke while writing
        }
        finally
        {
            fanout.Unsubscribe(subscription);
        }
    }

    private async Task<long> ReplayAsync(HttpRequest request, HttpResponse response, EventSubscription subscription, CancellationToken cancellationToken)
    {
        if (!long.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var lastSeen))
        {
            return 0;
        }

        var upTo = lastSeen;
        foreach (var e in await store.ReadAfterAsync(lastSeen, MaxReplay, cancellationToken).ConfigureAwait(false))
        {
            upTo = e.Id;
            if (subscription.CanSee(e))
            {
                await WriteAsync(response, Format(e), cancellationToken).ConfigureAwait(false);
            }
        }

        return upTo;
    }

    private async Task StreamAsync(HttpResponse response, EventSubscription subscription, long replayedUpTo, CancellationToken cancellationToken)
    {
        var reader = subscription.Reader;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ready = reader.WaitToReadAsync(cancellationToken).AsTask();
            var beat = Task.Delay(Heartbeat, timeProvider, cancellationToken);
            if (await Task.WhenAny(ready, beat).ConfigureAwait(false) == beat)
            {
                await beat.ConfigureAwait(false);
                if (await users.GetActiveRoleAsync(caller.UserId, cancellationToken).ConfigureAwait(false) != caller.Role)
                {
                    return; // disabled, deleted or another role since the stream opened
                }

                await WriteAsync(response, ": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!await ready.ConfigureAwait(false))
            {
                return; // closed: overflow or shutdown
            }

            while (reader.TryRead(out var e))
            {
                if (e.Id > replayedUpTo)
                {
                    await WriteAsync(response, Format(e), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static string Format(HubEvent e) =>
        string.Create(CultureInfo.InvariantCulture, $"id: {e.Id}\nevent: {e.Kind}\ndata: {e.Data}\n\n");

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan Clamp(TimeSpan left) => left <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : left;
}

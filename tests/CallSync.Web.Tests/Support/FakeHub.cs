using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CallSync.Web.Tests.Support;

/// <summary>
/// Stands in for the hub's HTTP API: answers each "METHOD path" (query ignored) with canned JSON, an error body, or
/// never (to hold a screen in its loading state), and records what the app asked for.
/// </summary>
public sealed class FakeHub : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, Task<HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Method, string PathAndQuery, string? Body)> Requests { get; } = new();

    public FakeHub Json(string method, string path, string json, HttpStatusCode status = HttpStatusCode.OK)
    {
        _routes[method + " " + path] = _ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        return this;
    }

    public FakeHub Get(string path, string json) => Json("GET", path, json);

    public FakeHub Error(string method, string path, HttpStatusCode status, string message) =>
        Json(method, path, "{\"error\":\"" + message + "\"}", status);

    /// <summary>The request never gets an answer (the screen stays in its loading state).</summary>
    public FakeHub Hang(string method, string path)
    {
        _routes[method + " " + path] = _ => new TaskCompletionSource<HttpResponseMessage>().Task;
        return this;
    }

    public FakeHub Status(string method, string path, HttpStatusCode status)
    {
        _routes[method + " " + path] = _ => Task.FromResult(new HttpResponseMessage(status));
        return this;
    }

    public int Count(string method, string path) => Requests.Count(r => r.Method == method && r.PathAndQuery.Split('?')[0] == path);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method.Method, request.RequestUri.PathAndQuery, body));
        return _routes.TryGetValue(request.Method.Method + " " + path, out var answer)
            ? await answer(request)
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{\"error\":\"no such route in the test\"}", Encoding.UTF8, "application/json") };
    }
}

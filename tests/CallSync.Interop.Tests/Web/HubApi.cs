using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CallSync.Interop.Tests.Web;

/// <summary>The hub's HTTP API as the end-to-end tests call it beside the browser: tokens, JSON requests, raw uploads.</summary>
internal sealed class HubApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };

    public void Dispose() => _http.Dispose();

    /// <summary>The status of an unauthenticated or bearer GET, or null while the hub does not listen yet.</summary>
    public async Task<HttpStatusCode?> TryGetAsync(string path, string? token = null)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task<string> TokenAsync(string user, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/auth/token", new JsonObject { ["userId"] = user, ["password"] = password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();
    }

    public Task<JsonNode> GetAsync(string token, string path) => SendAsync(token, HttpMethod.Get, path, null, HttpStatusCode.OK);

    /// <summary>Sends JSON and asserts the status; returns the body (an empty object when there is none).</summary>
    public async Task<JsonNode> SendAsync(string token, HttpMethod method, string path, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>One chunk of a resumable recording upload: <c>PUT</c> with <c>Content-Range: bytes first-last/total</c>.</summary>
    public async Task<(HttpStatusCode Status, string Body)> UploadChunkAsync(string token, string recordId, ReadOnlyMemory<byte> file, int first, int count)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/records/{recordId}/recording")
        {
            Content = new ReadOnlyMemoryContent(file.Slice(first, count)),
        };
        request.Headers.Authorization = new("Bearer", token);
        request.Content.Headers.ContentRange = new ContentRangeHeaderValue(first, first + count - 1, file.Length);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("audio/ogg");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Interop.Tests;

/// <summary>
/// The hub's HTTP API as the interop tests drive it: sign in, send JSON and expect a status, upload a recording in
/// chunks, wait for the hub to serve.
/// </summary>
internal sealed class HubApi(Uri baseAddress) : IDisposable
{
    /// <summary>How long a test waits for the hub to start or to finish what it does in the background.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };

    public Uri BaseAddress => baseAddress;

    /// <summary>Waits until the hub answers <c>/healthz</c>; the failure shows <paramref name="hub"/>'s output.</summary>
    public Task WaitUntilServingAsync(ChildProcess hub) =>
        Eventually.UntilAsync(async () => await StatusAsync("/healthz") == HttpStatusCode.OK, Patience, () => "the hub to serve /healthz: " + hub.Describe());

    /// <summary>The status of an unauthenticated or bearer GET, or null while the hub does not listen yet.</summary>
    public async Task<HttpStatusCode?> StatusAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        try
        {
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

    /// <summary>Sends <paramref name="body"/> and asserts the status; returns the JSON answer (an empty object for none).</summary>
    public async Task<JsonNode> SendAsync(string? token, HttpMethod method, string path, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Registers a phone; returns its one-time enrollment code.</summary>
    public async Task<string> RegisterDeviceAsync(string adminToken, string deviceId, string deskNumber) =>
        (await SendAsync(adminToken, HttpMethod.Post, "/api/v1/admin/devices", new JsonObject { ["deviceId"] = deviceId, ["deskNumber"] = deskNumber }, HttpStatusCode.Created))["code"]!.GetValue<string>();

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

    public void Dispose() => _http.Dispose();
}

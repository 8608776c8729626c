using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;


namespace CallSync.Interop.Tests;

/// <summary>The hub's HTTP API as a test drives it: sign in, send JSON, expect a status, wait for a condition.</summary>
internal sealed class HubApi(Uri baseAddress) : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };

    public Uri BaseAddress => baseAddress;

    /// <summary>Polls <paramref name="condition"/> every 250 ms (the hub may not listen yet) until it holds or <see cref="Patience"/> passes.</summary>
    public static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        return false;
    }

    public async Task<HttpStatusCode> StatusAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task<string> TokenAsync(string user, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/auth/token", new JsonObject { ["userId"] = user, ["password"] = password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();
    }

    public Task<JsonNode> GetAsync(string token, string path) => SendAsync(token, HttpMethod.Get, path, null, HttpStatusCode.OK);

    /// <summary>Sends <paramref name="body"/> and asserts the status; returns the JSON answer (empty object for none).</summary>
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

    public void Dispose() => _http.Dispose();
}

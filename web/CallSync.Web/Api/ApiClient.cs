using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CallSync.Web.Api;

/// <summary>
/// The shared plumbing of the typed API clients: JSON through the source-generated context, and every error status
/// turned into an <see cref="ApiException"/> carrying the hub's reason.
/// </summary>
public abstract class ApiClient(HttpClient http)
{
    protected HttpClient Http { get; } = http;

    protected static WebJsonContext Json => WebJsonContext.Default;

    protected async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
    }

    protected async Task<TResult> SendAsync<TBody, TResult>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, bodyType) };
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, resultType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A request whose answer has no body the app needs (204 and the like).</summary>
    protected async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    protected static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new ApiException(response.StatusCode, "the hub sent an empty answer");
        }
        catch (JsonException ex)
        {
            throw new ApiException("the hub's answer could not be read", ex);
        }
    }

    protected static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string reason;
        try
        {
            reason = (await response.Content.ReadFromJsonAsync(Json.ErrorBody, cancellationToken).ConfigureAwait(false))?.Error ?? response.ReasonPhrase ?? "error";
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            reason = response.ReasonPhrase ?? "error";
        }

        throw new ApiException(response.StatusCode, $"{reason} ({(int)response.StatusCode})");
    }

    protected static string Escape(string value) => Uri.EscapeDataString(value);
}

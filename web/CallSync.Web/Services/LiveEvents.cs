using System.Text.Json;
using CallSync.Web.Api;
using CallSync.Web.Sse;
using Microsoft.AspNetCore.Components.WebAssembly.Http;

namespace CallSync.Web.Services;

/// <summary>
/// The live updates of <c>GET /api/v1/events</c>, read as a stream through the same HttpClient (so it carries the
/// bearer token, which the browser's EventSource cannot), reconnecting with <c>Last-Event-ID</c> after a drop.
/// Pages subscribe to the typed events and reload what they show.
/// </summary>
public sealed class LiveEvents(HttpClient http, Session session, TimeProvider timeProvider) : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;
    private string? _lastEventId;

    public event Action<RecordEvent>? RecordStored;

    public event Action<DialProgress>? DialChanged;

    public event Action<BindingEvent>? BindingChanged;

    public event Action<DeviceEvent>? DeviceChanged;

    public event Action<RecordingEvent>? RecordingStored;

    /// <summary>Raised when <see cref="Connected"/> changes.</summary>
    public event Action? StatusChanged;

    /// <summary>True while the stream is open (after the hub's <c>ready</c>).</summary>
    public bool Connected { get; private set; }

    /// <summary>Starts listening for the signed-in user (again, after a sign-in as someone else).</summary>
    public async Task StartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lastEventId = null;
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _loop = Task.Run(() => RunAsync(token), CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stop.Dispose();
        _stop = null;
        SetConnected(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Stops the stream without waiting for it (a container disposed synchronously).</summary>
    public void Dispose()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        _stop = null;
    }

    /// <summary>Hands one parsed event to its subscribers; unknown kinds and malformed data are ignored.</summary>
    public void Dispatch(SseMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            switch (message.Event)
            {
                case "ready":
                    SetConnected(true);
                    break;
                case "record" when Parse(message.Data, WebJsonContext.Default.RecordEvent) is { } e:
                    RecordStored?.Invoke(e);
                    break;
                case "dial" when Parse(message.Data, WebJsonContext.Default.DialProgress) is { } e:
                    DialChanged?.Invoke(e);
                    break;
                case "binding" when Parse(message.Data, WebJsonContext.Default.BindingEvent) is { } e:
                    BindingChanged?.Invoke(e);
                    break;
                case "device" when Parse(message.Data, WebJsonContext.Default.DeviceEvent) is { } e:
                    DeviceChanged?.Invoke(e);
                    break;
                case "recording" when Parse(message.Data, WebJsonContext.Default.RecordingEvent) is { } e:
                    RecordingStored?.Invoke(e);
                    break;
            }
        }
        catch (JsonException)
        {
            // not what the API documents: skip it
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && session.IsSignedIn)
        {
            try
            {
                await ReadStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                // dropped: reconnect below
            }

            SetConnected(false);
            await Task.Delay(RetryDelay, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReadStreamAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/events");
        request.SetBrowserResponseStreamingEnabled(true);
        if (_lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", _lastEventId);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var parser = new SseParser();
        var messages = new List<SseMessage>();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            parser.Feed(buffer.AsSpan(0, read), messages);
            _lastEventId = parser.LastEventId ?? _lastEventId;
            foreach (var message in messages)
            {
                Dispatch(message);
            }

            messages.Clear();
        }
    }

    private void SetConnected(bool connected)
    {
        if (Connected != connected)
        {
            Connected = connected;
            StatusChanged?.Invoke();
        }
    }

    private static T? Parse<T>(string data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Deserialize(data, type);
}

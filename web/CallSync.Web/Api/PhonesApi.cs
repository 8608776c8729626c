namespace CallSync.Web.Api;

/// <summary>My desk phones: the list with their state, binding requests by desk number, unbinding, dialling.</summary>
public sealed class PhonesApi(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<MyPhone>> ListAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/phones", Json.IReadOnlyListMyPhone, cancellationToken);

    public Task<Binding> RequestBindingAsync(string deskNumber, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v1/bindings", new BindRequest(deskNumber), Json.BindRequest, Json.Binding, cancellationToken);

    public Task UnbindAsync(string deviceId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "api/v1/bindings/" + Escape(deviceId), null, cancellationToken);

    public Task<DialProgress> DialAsync(string deviceId, string number, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/devices/{Escape(deviceId)}/dial", new DialBody(number), Json.DialBody, Json.DialProgress, cancellationToken);

    public Task<DialProgress> DialStatusAsync(string requestId, CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/dials/" + Escape(requestId), Json.DialProgress, cancellationToken);
}

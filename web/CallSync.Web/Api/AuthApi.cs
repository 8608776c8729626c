namespace CallSync.Web.Api;

/// <summary>Sign-in, my profile and push policy, the time zones the hub accepts.</summary>
public sealed class AuthApi(HttpClient http) : ApiClient(http)
{
    public Task<TokenResponse> SignInAsync(string userId, string password, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v1/auth/token", new TokenRequest(userId, password), Json.TokenRequest, Json.TokenResponse, cancellationToken);

    public Task<Profile> MeAsync(CancellationToken cancellationToken = default) => GetAsync("api/v1/me", Json.Profile, cancellationToken);

    public Task<Profile> SetPushAsync(PushPolicyRequest policy, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, "api/v1/me/push", policy, Json.PushPolicyRequest, Json.Profile, cancellationToken);

    public Task<IReadOnlyList<string>> TimeZonesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/timezones", Json.IReadOnlyListString, cancellationToken);
}

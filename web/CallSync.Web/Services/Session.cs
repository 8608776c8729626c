using System.Text.Json;
using CallSync.Web.Api;
using Microsoft.JSInterop;

namespace CallSync.Web.Services;

/// <summary>
/// Who is signed in: the bearer token, user id and role, kept in the browser's local storage so a reload or an
/// installed app's restart stays signed in until the token expires. Raises <see cref="Changed"/> on every change.
/// </summary>
public sealed class Session(IJSRuntime js, TimeProvider timeProvider)
{
    private const string StorageKey = "callsync.session";

    public string? Token { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    public string Role { get; private set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; private set; }

    public bool IsSignedIn => Token is not null && timeProvider.GetUtcNow() < ExpiresAt;

    public bool IsAdmin => IsSignedIn && Role == "admin";

    public event Action? Changed;

    /// <summary>Reads a session saved by an earlier visit; an expired one is dropped.</summary>
    public async Task RestoreAsync()
    {
        var saved = await js.InvokeAsync<string?>("callsync.load", StorageKey).ConfigureAwait(false);
        if (string.IsNullOrEmpty(saved))
        {
            return;
        }

        try
        {
            var state = JsonSerializer.Deserialize(saved, SessionJsonContext.Default.SavedSession);
            if (state is not null && state.ExpiresAt > timeProvider.GetUtcNow())
            {
                Set(state.Token, state.UserId, state.Role, state.ExpiresAt);
            }
        }
        catch (JsonException)
        {
            // a damaged entry: stay signed out
        }
    }

    public async Task SignInAsync(TokenResponse token, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(profile);
        Set(token.AccessToken, profile.UserId, profile.Role, token.ExpiresAt);
        var saved = JsonSerializer.Serialize(new SavedSession(token.AccessToken, profile.UserId, profile.Role, token.ExpiresAt), SessionJsonContext.Default.SavedSession);
        await js.InvokeVoidAsync("callsync.save", StorageKey, saved).ConfigureAwait(false);
    }

    /// <summary>A token on its way to sign-in (used only for the profile request that completes it).</summary>
    public void UseToken(string token, DateTimeOffset expiresAt) => (Token, ExpiresAt) = (token, expiresAt);

    public async Task SignOutAsync()
    {
        Set(null, string.Empty, string.Empty, default);
        await js.InvokeVoidAsync("callsync.save", StorageKey, null).ConfigureAwait(false);
    }

    /// <summary>The hub said 401: the token expired or was revoked.</summary>
    public void Expire()
    {
        if (Token is not null)
        {
            Set(null, string.Empty, string.Empty, default);
        }
    }

    private void Set(string? token, string userId, string role, DateTimeOffset expiresAt)
    {
        (Token, UserId, Role, ExpiresAt) = (token, userId, role, expiresAt);
        Changed?.Invoke();
    }
}

namespace CallSync.Hub.Security;

/// <summary>The verified content of a bearer token.</summary>
internal sealed record AccessToken(string UserId, UserRole Role, DateTimeOffset ExpiresAt)
{
    public bool IsAdmin => Role == UserRole.Admin;
}

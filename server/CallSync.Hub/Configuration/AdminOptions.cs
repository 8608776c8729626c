namespace CallSync.Hub.Configuration;

/// <summary>
/// Bootstrap administrator created at start-up when it does not exist yet. Without <see cref="User"/>, a hub with no
/// administrator creates <c>admin</c> with a generated one-time password that it prints once (stored hashed only).
/// </summary>
internal sealed class AdminOptions
{
    public string? User { get; init; }

    public string? Password { get; init; }
}

namespace CallSync.Hub.Configuration;

/// <summary>Token signing and password hashing.</summary>
internal sealed class SecurityOptions
{
    /// <summary>Secret for HMAC-SHA256 access tokens; at least 32 characters. Required.</summary>
    public string TokenSecret { get; init; } = string.Empty;

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (OWASP 2023 recommends 600,000).</summary>
    public int PasswordIterations { get; init; } = 600_000;
}

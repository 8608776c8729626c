namespace CallSync.Hub.Configuration;

/// <summary>Token signing, password hashing and sign-in limits.</summary>
internal sealed class SecurityOptions
{
    /// <summary>
    /// Secret for HMAC-SHA256 access tokens, at least 32 characters; empty: generated once into the data directory
    /// (<c>token-secret</c>). Instances of one installation must share it.
    /// </summary>
    public string TokenSecret { get; init; } = string.Empty;

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Key that seals provisioning keys in the database; empty: generated once into the data directory
    /// (<c>key-encryption-key</c>). Instances of one installation must share it.
    /// </summary>
    public string KeyEncryptionKey { get; init; } = string.Empty;

    /// <summary>The key a rotation moves away from; null: the data directory's <c>key-encryption-key.previous</c>, if any.</summary>
    public string? PreviousKeyEncryptionKey { get; init; }

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (OWASP 2023 recommends 600,000).</summary>
    public int PasswordIterations { get; init; } = 600_000;

    /// <summary>Failed sign-ins allowed per user within <see cref="SignInWindow"/> before further attempts get 429.</summary>
    public int SignInLimitPerUser { get; init; } = 5;

    /// <summary>Failed sign-ins (and enrollment codes) allowed per client address within <see cref="SignInWindow"/>.</summary>
    public int SignInLimitPerAddress { get; init; } = 20;

    /// <summary>The window failed attempts are counted in; a blocked caller may try again when it has passed.</summary>
    public TimeSpan SignInWindow { get; init; } = TimeSpan.FromMinutes(15);
}

using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Security section: declared keys and how they become <see cref="SecurityOptions"/>.</summary>
internal static class SecurityKeys
{
    public const int MinSecretLength = 32;
    public const int MinSecretDistinct = 10;

    public static readonly ConfigSection Section = new("Security",
        $"Token signing, password hashing and sign-in limits. A token secret set here must have at least {MinSecretLength} characters and at least " +
        $"{MinSecretDistinct} different ones, must not be one short piece repeated, and must not be a value printed in this " +
        $"documentation (the hub refuses the examples); {SecretRules.Advice}.");

    public static readonly ConfigKey<string?> TokenSecret = Section.Optional("TokenSecret",
        ConfigValues.Text($"a secret of at least {MinSecretLength} characters ({SecretRules.Advice})", maxLength: 1024),
        "HMAC-SHA256 key for access tokens; every hub instance of one installation needs the same value", ConfigKeyFlags.Secret,
        defaultText: "generated once into `Storage:DataDir` (`token-secret`, 0600)");

    public static readonly ConfigKey<string?> KeyEncryptionKey = Section.Optional("KeyEncryptionKey",
        ConfigValues.Text($"a secret of at least {MinSecretLength} characters ({SecretRules.Advice})", maxLength: 1024),
        "AES-256-GCM key (hashed from this text) that seals the phones' provisioning keys in the database, kept outside it; every " +
        "hub instance of one installation needs the same value; rotation: docs/security.md", ConfigKeyFlags.Secret,
        defaultText: "generated once into `Storage:DataDir` (`key-encryption-key`, 0600)");

    public static readonly ConfigKey<string?> PreviousKeyEncryptionKey = Section.Optional("PreviousKeyEncryptionKey",
        ConfigValues.Text($"a secret of at least {MinSecretLength} characters", maxLength: 1024),
        "during a rotation, the key being replaced: provisioning keys it sealed are re-sealed with `KeyEncryptionKey` at start",
        ConfigKeyFlags.Secret, defaultText: "`key-encryption-key.previous` in `Storage:DataDir`, if present");

    public static readonly ConfigKey<TimeSpan> TokenLifetime = Section.Add("TokenLifetime",
        ConfigValues.Duration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)), TimeSpan.FromHours(1), "access-token lifetime");

    public static readonly ConfigKey<int> PasswordIterations = Section.Add("PasswordIterations", ConfigValues.Number(100_000, 10_000_000), 600_000,
        "PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP 2023 recommends 600,000); stored per hash, so raising it " +
        "keeps old hashes valid");

    public static readonly ConfigKey<int> SignInLimitPerUser = Section.Add("SignInLimitPerUser", ConfigValues.Number(1, 1000), 5,
        "failed sign-ins allowed per user within `SignInWindow`; further attempts get 429 with Retry-After");

    public static readonly ConfigKey<int> SignInLimitPerAddress = Section.Add("SignInLimitPerAddress", ConfigValues.Number(1, 100_000), 20,
        "failed sign-ins (and refused enrollment codes) allowed per client address within `SignInWindow`");

    public static readonly ConfigKey<TimeSpan> SignInWindow = Section.Add("SignInWindow",
        ConfigValues.Duration(TimeSpan.FromSeconds(10), TimeSpan.FromDays(1)), TimeSpan.FromMinutes(15),
        "the window failed attempts are counted in; a blocked caller may try again once it has passed");

    public static SecurityOptions Read(ConfigReader reader)
    {
        var secret = ReadSecret(reader, TokenSecret);
        var keyEncryptionKey = ReadSecret(reader, KeyEncryptionKey);
        return new SecurityOptions
        {
            TokenSecret = secret ?? string.Empty,
            KeyEncryptionKey = keyEncryptionKey ?? string.Empty,
            PreviousKeyEncryptionKey = reader.Get(PreviousKeyEncryptionKey),
            TokenLifetime = reader.Get(TokenLifetime),
            PasswordIterations = reader.Get(PasswordIterations),
            SignInLimitPerUser = reader.Get(SignInLimitPerUser),
            SignInLimitPerAddress = reader.Get(SignInLimitPerAddress),
            SignInWindow = reader.Get(SignInWindow),
        };
    }

    private static string? ReadSecret(ConfigReader reader, ConfigKey<string?> key)
    {
        var secret = reader.Get(key);
        if (secret is not null && !reader.HasProblem(key) && SecretRules.Weakness(secret, MinSecretLength, MinSecretDistinct) is { } weakness)
        {
            reader.Fail(key, $"a secret {weakness} ({SecretRules.Advice})");
        }

        return secret;
    }
}

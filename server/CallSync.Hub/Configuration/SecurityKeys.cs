using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Security section: declared keys and how they become <see cref="SecurityOptions"/>.</summary>
internal static class SecurityKeys
{
    public const int MinSecretLength = 32;
    public const int MinSecretDistinct = 10;

    public static readonly ConfigSection Section = new("Security",
        $"Token signing and password hashing. The token secret must have at least {MinSecretLength} characters and at least " +
        $"{MinSecretDistinct} different ones, must not be one short piece repeated, and must not be a value printed in this " +
        $"documentation (the hub refuses the examples); {SecretRules.Advice}.");

    public static readonly ConfigKey<string> TokenSecret = Section.Required("TokenSecret",
        ConfigValues.Text($"a secret of at least {MinSecretLength} characters ({SecretRules.Advice})", maxLength: 1024),
        "HMAC-SHA256 key for access tokens; every hub instance of one installation needs the same value", ConfigKeyFlags.Secret);

    public static readonly ConfigKey<TimeSpan> TokenLifetime = Section.Add("TokenLifetime",
        ConfigValues.Duration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)), TimeSpan.FromHours(1), "access-token lifetime");

    public static readonly ConfigKey<int> PasswordIterations = Section.Add("PasswordIterations", ConfigValues.Number(100_000, 10_000_000), 600_000,
        "PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP 2023 recommends 600,000); stored per hash, so raising it " +
        "keeps old hashes valid");

    public static SecurityOptions Read(ConfigReader reader)
    {
        var secret = reader.Get(TokenSecret);
        if (secret is not null && !reader.HasProblem(TokenSecret) && SecretRules.Weakness(secret, MinSecretLength, MinSecretDistinct) is { } weakness)
        {
            reader.Fail(TokenSecret, $"a secret {weakness} ({SecretRules.Advice})");
        }

        return new SecurityOptions
        {
            TokenSecret = secret ?? string.Empty,
            TokenLifetime = reader.Get(TokenLifetime),
            PasswordIterations = reader.Get(PasswordIterations),
        };
    }
}

namespace CallSync.Hub.Security;

/// <summary>How a sign-in ended: a token (200), refused (401: unknown user or wrong password, never which), disabled (403), or blocked (429, retry after).</summary>
internal sealed record SignInOutcome(int Status, string? Token, DateTimeOffset ExpiresAt, TimeSpan RetryAfter)
{
    public static SignInOutcome Refused { get; } = new(401, null, default, TimeSpan.Zero);

    public static SignInOutcome Disabled { get; } = new(403, null, default, TimeSpan.Zero);
}

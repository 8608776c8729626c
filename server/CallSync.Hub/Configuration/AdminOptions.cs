namespace CallSync.Hub.Configuration;

/// <summary>Bootstrap administrator created at start-up when it does not exist yet.</summary>
internal sealed class AdminOptions
{
    public string? User { get; init; }

    public string? Password { get; init; }
}

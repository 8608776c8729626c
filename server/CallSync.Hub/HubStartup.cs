namespace CallSync.Hub;

/// <summary>What <see cref="HubApplication.InitializeAsync"/> did that the operator must see once.</summary>
/// <param name="BootstrapAdmin">The admin created with a generated password, or null.</param>
/// <param name="BootstrapPassword">That password, shown once and stored only as a hash; null when none was generated.</param>
internal sealed record HubStartup(string? BootstrapAdmin, string? BootstrapPassword)
{
    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => BootstrapAdmin is null ? "no bootstrap admin" : "bootstrap admin " + BootstrapAdmin;
}

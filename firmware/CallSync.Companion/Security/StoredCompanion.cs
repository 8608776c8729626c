namespace CallSync.Companion.Security;

/// <summary>On-disk shape of a paired companion (JSON, mode 0600).</summary>
internal sealed class StoredCompanion
{
    public string CompanionId { get; set; } = string.Empty;

    public string AppUserId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public DateTimeOffset PairedAt { get; set; }

    public byte[] LongTermKey { get; set; } = [];
}

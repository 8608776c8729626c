namespace CallSync.Companion.Security;

/// <summary>A companion paired with this phone, as stored in <c>&lt;DataDir&gt;/companions/&lt;id&gt;.json</c>.</summary>
/// <param name="CompanionId">32 lowercase hex digits assigned by the phone.</param>
/// <param name="AppUserId">The app user who paired.</param>
/// <param name="Name">The companion's display name.</param>
/// <param name="PairedAt">When pairing completed.</param>
/// <param name="LongTermKey">The 32-byte long-term key (secret; never logged).</param>
public sealed record PairedCompanion(
    string CompanionId, string AppUserId, string Name, DateTimeOffset PairedAt, byte[] LongTermKey)
{
    /// <summary>Hides the key from record printing.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("CompanionId = ").Append(CompanionId).Append(", AppUserId = ").Append(AppUserId)
            .Append(", Name = ").Append(Name).Append(", PairedAt = ").Append(PairedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}

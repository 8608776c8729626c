namespace CallSync.Hub.Storage;

/// <summary>A phone as the admin list shows it: desk number, last reported state, when its newest call started.</summary>
internal sealed record DeviceOverview(string DeviceId, string DeskNumber, bool? Online, DateTimeOffset? ChangedAt, DateTimeOffset? LastCallAt);

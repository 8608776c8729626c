namespace CallSync.Hub.Api;

/// <summary>GET /api/v1/admin/devices: a phone, its last reported state and when its newest call started.</summary>
internal sealed record DeviceOverviewDto(string DeviceId, string DeskNumber, bool? Online, DateTimeOffset? ChangedAt, DateTimeOffset? LastCallAt);

namespace CallSync.Web.Api;

/// <summary>GET /api/v1/admin/devices: a phone, its state and when its newest call started.</summary>
public sealed record DeviceOverview(string DeviceId, string DeskNumber, bool? Online, DateTimeOffset? ChangedAt, DateTimeOffset? LastCallAt);

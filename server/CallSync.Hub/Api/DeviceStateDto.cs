namespace CallSync.Hub.Api;

/// <summary>GET /api/v1/devices/{deviceId}: the desk number and last known online state (null when never reported).</summary>
internal sealed record DeviceStateDto(string DeviceId, string DeskNumber, bool? Online, DateTimeOffset? ChangedAt);

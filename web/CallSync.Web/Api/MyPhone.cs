namespace CallSync.Web.Api;

/// <summary>GET /api/v1/phones: one of my bindings with its phone (desk number and state once active).</summary>
public sealed record MyPhone(string DeviceId, string DeskNumber, string Status, bool CanDial, string Via, DateTimeOffset UpdatedAt, bool? Online, DateTimeOffset? ChangedAt);

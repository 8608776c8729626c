namespace CallSync.Web.Api;

/// <summary>Live: a phone went online or offline.</summary>
public sealed record DeviceEvent(string DeviceId, bool Online, DateTimeOffset ChangedAt);

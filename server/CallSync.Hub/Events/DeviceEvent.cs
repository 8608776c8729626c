namespace CallSync.Hub.Events;

/// <summary>A phone went online or offline (<c>event: device</c>).</summary>
internal sealed record DeviceEvent(string DeviceId, bool Online, DateTimeOffset ChangedAt);

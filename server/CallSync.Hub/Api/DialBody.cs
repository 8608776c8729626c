namespace CallSync.Hub.Api;

/// <summary>POST /api/v1/devices/{deviceId}/dial body.</summary>
internal sealed record DialBody(string Number);

namespace CallSync.Web.Api;

/// <summary>POST /api/v1/devices/{deviceId}/dial body.</summary>
public sealed record DialBody(string Number);

namespace CallSync.Web.Api;

/// <summary>A binding between a user and a phone.</summary>
public sealed record Binding(string UserId, string DeviceId, string Status, bool CanDial, string Via, DateTimeOffset UpdatedAt);

namespace CallSync.Hub.Api;

/// <summary>A binding as the API shows it; status is <c>active</c> or <c>pending</c>.</summary>
internal sealed record BindingDto(string UserId, string DeviceId, string Status, bool CanDial, string Via, DateTimeOffset UpdatedAt);

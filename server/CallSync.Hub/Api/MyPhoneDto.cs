namespace CallSync.Hub.Api;

/// <summary>
/// GET /api/v1/phones: one of the caller's bindings with its phone. <c>deskNumber</c>, <c>online</c> and
/// <c>changedAt</c> (when it last went on- or offline) are filled only once the binding is active.
/// </summary>
internal sealed record MyPhoneDto(string DeviceId, string DeskNumber, string Status, bool CanDial, string Via, DateTimeOffset UpdatedAt, bool? Online, DateTimeOffset? ChangedAt);

namespace CallSync.Hub.Api;

/// <summary>POST /api/v1/admin/devices body: the phone's device id (its <c>Device:Id</c>) and desk number.</summary>
internal sealed record CreateDeviceRequest(string DeviceId, string DeskNumber);

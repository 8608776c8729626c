namespace CallSync.Hub.Api;

/// <summary>POST /api/v1/admin/bindings/{userId}/{deviceId}/approve body.</summary>
internal sealed record ApproveRequest(bool CanDial = true);

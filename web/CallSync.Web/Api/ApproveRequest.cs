namespace CallSync.Web.Api;

/// <summary>POST /api/v1/admin/bindings/{userId}/{deviceId}/approve body.</summary>
public sealed record ApproveRequest(bool CanDial);

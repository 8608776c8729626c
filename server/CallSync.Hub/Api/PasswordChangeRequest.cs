namespace CallSync.Hub.Api;

/// <summary>PUT /api/v1/me/password body.</summary>
internal sealed record PasswordChangeRequest(string CurrentPassword, string NewPassword);

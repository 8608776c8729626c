namespace CallSync.Web.Api;

/// <summary>PUT /api/v1/me/push body.</summary>
public sealed record PushPolicyRequest(string Policy, string Time, string TimeZone);

namespace CallSync.Hub.Api;

/// <summary>PUT /api/v1/me/push body: policy <c>off</c>, <c>immediate</c> or <c>daily</c>; time <c>HH:mm</c>; IANA time zone.</summary>
internal sealed record PushPolicyRequest(string Policy, string? Time, string? TimeZone);

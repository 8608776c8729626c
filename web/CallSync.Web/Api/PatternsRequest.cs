namespace CallSync.Web.Api;

/// <summary>PUT /api/v1/admin/users/{userId}/patterns body.</summary>
public sealed record PatternsRequest(IReadOnlyList<string> NumberPatterns);

namespace CallSync.Hub.Api;

/// <summary>PUT /api/v1/admin/users/{userId}/patterns body.</summary>
internal sealed record PatternsRequest(IReadOnlyList<string> NumberPatterns);

namespace CallSync.Hub.Api;

/// <summary>PUT /api/v1/admin/users/{userId}/disabled body: true disables the user (sign-in and every token refused), false enables.</summary>
internal sealed record DisabledRequest(bool Disabled);

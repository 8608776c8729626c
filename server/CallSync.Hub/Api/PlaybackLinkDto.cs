namespace CallSync.Hub.Api;

/// <summary>A URL the audio element can load (and seek in) without an Authorization header, valid until <c>expiresAt</c>.</summary>
internal sealed record PlaybackLinkDto(string Url, DateTimeOffset ExpiresAt);

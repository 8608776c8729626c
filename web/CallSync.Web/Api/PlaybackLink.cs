namespace CallSync.Web.Api;

/// <summary>A URL the audio element can play and seek without an Authorization header.</summary>
public sealed record PlaybackLink(string Url, DateTimeOffset ExpiresAt);

namespace CallSync.Hub.Api;

/// <summary>Every 4xx/5xx body: one human-readable line.</summary>
internal sealed record ErrorDto(string Error);

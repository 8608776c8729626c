namespace CallSync.Web.Sse;

/// <summary>One server-sent event: its <c>id</c> (or null), <c>event</c> name (<c>message</c> by default) and data.</summary>
public sealed record SseMessage(string? Id, string Event, string Data);

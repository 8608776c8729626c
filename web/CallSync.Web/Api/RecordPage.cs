namespace CallSync.Web.Api;

/// <summary>One page of the call log, newest first; NextCursor is null at the end.</summary>
public sealed record RecordPage(IReadOnlyList<CallRecord> Items, string? NextCursor);

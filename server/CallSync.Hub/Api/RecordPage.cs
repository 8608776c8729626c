namespace CallSync.Hub.Api;

/// <summary>One page, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next (null at the end).</summary>
internal sealed record RecordPage(IReadOnlyList<RecordDto> Items, string? NextCursor);

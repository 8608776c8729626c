namespace CallSync.Hub.Api;

/// <summary>
/// A record's recording on the hub: <c>state</c> <c>absent</c>, <c>partial</c> (upload under way; the next chunk
/// starts at <c>offset</c>) or <c>stored</c>; <c>size</c> and <c>sha256</c> are what the phone's record says.
/// </summary>
internal sealed record RecordingStatusDto(string RecordId, string State, long Offset, long Size, string Sha256, bool UploadAllowed);

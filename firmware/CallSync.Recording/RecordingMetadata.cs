namespace CallSync.Recording;

/// <summary>What a recording is about; written as Ogg Opus comment tags.</summary>
/// <param name="RecordId">Record id: the file is <c>&lt;RecordId&gt;.opus</c>. Letters, digits, '-' and '_' only.</param>
/// <param name="CallId">SIP Call-ID.</param>
/// <param name="LocalNumber">The desk phone's number.</param>
/// <param name="RemoteNumber">The other party's number.</param>
/// <param name="StartTime">When recording started.</param>
public sealed record RecordingMetadata(string RecordId, string CallId, string LocalNumber, string RemoteNumber, DateTimeOffset StartTime);

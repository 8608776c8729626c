using CallSync.Media.Session;
using CallSync.Recording;

namespace CallSync.Agent.Media;

/// <summary>What a call's media leaves behind: the codec, the statistics and the recording (if any).</summary>
internal sealed record MediaOutcome(string? Codec, MediaStatistics? Statistics, RecordingResult? Recording);

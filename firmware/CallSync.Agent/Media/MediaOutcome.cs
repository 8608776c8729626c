using CallSync.Media.Session;
using CallSync.Recording;

namespace CallSync.Agent.Media;

/// <summary>What a call's media leaves behind: the codec, the statistics, the recording (if any), and whether it was SRTP throughout.</summary>
internal sealed record MediaOutcome(string? Codec, MediaStatistics? Statistics, RecordingResult? Recording, bool Encrypted);

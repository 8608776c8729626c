namespace CallSync.Hub.Storage;

/// <summary>What the dashboard needs of one call: phone, result, start, talk time.</summary>
internal readonly record struct StatsRow(string DeviceId, string Result, DateTimeOffset StartedAt, double TalkSeconds);

namespace CallSync.Hub.Api;

/// <summary>Talk time of one user or phone in <see cref="StatsDto"/>; <c>label</c> is the desk number for phones.</summary>
internal sealed record TalkTimeDto(string Key, string Label, int Calls, double TalkSeconds);

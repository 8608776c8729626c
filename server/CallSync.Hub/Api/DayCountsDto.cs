namespace CallSync.Hub.Api;

/// <summary>One local day of <see cref="StatsDto"/>: calls by result.</summary>
internal sealed record DayCountsDto(string Date, int Answered, int Busy, int NoAnswer, int Rejected, int Cancelled, int Failed);

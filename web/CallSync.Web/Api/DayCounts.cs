namespace CallSync.Web.Api;

/// <summary>Calls of one local day by result.</summary>
public sealed record DayCounts(string Date, int Answered, int Busy, int NoAnswer, int Rejected, int Cancelled, int Failed);

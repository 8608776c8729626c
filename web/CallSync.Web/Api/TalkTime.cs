namespace CallSync.Web.Api;

/// <summary>Talk time of one user or phone.</summary>
public sealed record TalkTime(string Key, string Label, int Calls, double TalkSeconds);

namespace CallSync.Web.Api;

/// <summary>GET /api/v1/admin/stats: the dashboard's figures for a period.</summary>
public sealed record CallStats(string From, string To, string TimeZone, int Total, int Answered, double AnswerRate, bool Truncated, IReadOnlyList<DayCounts> Days, IReadOnlyList<TalkTime> TalkByUser, IReadOnlyList<TalkTime> TalkByPhone, IReadOnlyList<int> CallsByHour);

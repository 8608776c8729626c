namespace CallSync.Hub.Api;

/// <summary>
/// GET /api/v1/admin/stats: the calls that started in the period (local dates <c>from</c>..<c>to</c> inclusive in
/// <c>timeZone</c>): counts per day by result, the answer rate, talk time per user and per phone, calls per local hour.
/// <c>truncated</c> is true when the period held more calls than one report reads.
/// </summary>
internal sealed record StatsDto(
    string From,
    string To,
    string TimeZone,
    int Total,
    int Answered,
    double AnswerRate,
    bool Truncated,
    IReadOnlyList<DayCountsDto> Days,
    IReadOnlyList<TalkTimeDto> TalkByUser,
    IReadOnlyList<TalkTimeDto> TalkByPhone,
    IReadOnlyList<int> CallsByHour);

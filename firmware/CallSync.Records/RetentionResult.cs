namespace CallSync.Records;

/// <summary>What one retention pass removed.</summary>
/// <param name="ExpiredDelivered">Delivered files removed by age.</param>
/// <param name="QuotaDelivered">Delivered files removed for the quota.</param>
/// <param name="EvictedUndelivered">Undelivered files evicted for the quota (data loss; flagged in the next record).</param>
/// <param name="BytesAfter">Bytes still on disk.</param>
public sealed record RetentionResult(int ExpiredDelivered, int QuotaDelivered, int EvictedUndelivered, long BytesAfter);

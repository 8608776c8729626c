using System.Globalization;
using CallSync.Contracts;
using CallSync.Hub.Messaging;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Push;

/// <summary>
/// Delivers pushes on <c>users/{userId}/inbox</c> at QoS 1. Every push is claimed in the <see cref="PushLedger"/>
/// first (kind <c>record</c> keyed by recordId, kind <c>digest</c> keyed by local date), so nothing goes out twice,
/// across restarts and across hub instances; a failed publish releases the claim for a later retry.
/// </summary>
internal sealed class PushService(
    IHubBroker mqtt,
    UserStore users,
    CallRecordStore records,
    PushLedger ledger,
    ILogger<PushService> logger)
{
    public const string RecordKind = "record";
    public const string DigestKind = "digest";

    /// <summary>Most missed daily digests sent after a long downtime.</summary>
    public const int MaxCatchUpDays = 7;

    /// <summary>Pushes newly stored records to the bound users whose policy is immediate.</summary>
    public async Task PushRecordsAsync(IReadOnlyList<StoredCallRecord> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        IReadOnlyList<(string DeviceId, string UserId)> recipients;
        try
        {
            // One query per batch, not per record: ingest throughput must not depend on the push lookup.
            recipients = await users.ListImmediateRecipientsAsync(stored.Select(r => r.DeviceId).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex)
        {
            Log.PushFailed(logger, "batch", RecordKind, ex);
            return;
        }

        if (recipients.Count == 0)
        {
            return;
        }

        foreach (var record in stored)
        {
            foreach (var (deviceId, userId) in recipients)
            {
                if (deviceId == record.DeviceId)
                {
                    await DeliverAsync(userId, RecordKind, record.RecordId, InboxMessages.Record(record), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Sends every daily digest that is due at <paramref name="now"/> and not yet sent. Returns how many went out.</summary>
    public async Task<int> PushDueDigestsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var user in await users.ListByPolicyAsync(PushPolicy.Daily, cancellationToken).ConfigureAwait(false))
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(user.TimeZone, out var zone))
            {
                zone = TimeZoneInfo.Utc;
            }

            foreach (var date in await DueDatesAsync(user.UserId, now, user.PushTime, zone, cancellationToken).ConfigureAwait(false))
            {
                var key = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (!await ledger.TryClaimAsync(user.UserId, DigestKind, key, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var (from, to) = DigestSchedule.WindowOf(date, user.PushTime, zone);
                var content = await records.ReceivedForUserAsync(user.UserId, from, to, cancellationToken).ConfigureAwait(false);
                var payload = InboxMessages.Digest(key, zone.Id, from, to, content);
                if (await PublishOrReleaseAsync(user.UserId, DigestKind, key, payload, cancellationToken).ConfigureAwait(false))
                {
                    sent++;
                }
                else
                {
                    break; // keep the order: a later day never goes out before an earlier one
                }
            }
        }

        return sent;
    }

    /// <summary>
    /// The digest days to send now, oldest first: every day after the last one sent up to the latest due day
    /// (catch-up after downtime, at most <see cref="MaxCatchUpDays"/>); only the latest due day for a user who
    /// never had one.
    /// </summary>
    private async Task<List<DateOnly>> DueDatesAsync(string userId, DateTimeOffset now, TimeOnly time, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (latest, _) = DigestSchedule.LatestDue(now, time, zone);
        var last = await ledger.LatestKeyAsync(userId, DigestKind, cancellationToken).ConfigureAwait(false);
        var first = latest;
        if (last is not null && DateOnly.TryParseExact(last, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var lastSent))
        {
            first = lastSent.AddDays(1);
            if (latest.DayNumber - first.DayNumber >= MaxCatchUpDays)
            {
                first = latest.AddDays(1 - MaxCatchUpDays);
            }
        }

        var dates = new List<DateOnly>();
        for (var date = first; date <= latest; date = date.AddDays(1))
        {
            dates.Add(date);
        }

        return dates;
    }

    private async Task DeliverAsync(string userId, string kind, string key, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            if (await ledger.TryClaimAsync(userId, kind, key, cancellationToken).ConfigureAwait(false))
            {
                await PublishOrReleaseAsync(userId, kind, key, payload, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (System.Data.Common.DbException ex)
        {
            Log.PushFailed(logger, userId, kind, ex);
        }
    }

    private async Task<bool> PublishOrReleaseAsync(string userId, string kind, string key, byte[] payload, CancellationToken cancellationToken)
    {
        if (await mqtt.PublishAsync(MqttTopics.UserInbox(userId), payload, retain: false, cancellationToken).ConfigureAwait(false))
        {
            Log.PushPublished(logger, userId, kind, key);
            return true;
        }

        await ledger.ReleaseAsync(userId, kind, key, cancellationToken).ConfigureAwait(false);
        Log.PushFailed(logger, userId, kind, null);
        return false;
    }
}

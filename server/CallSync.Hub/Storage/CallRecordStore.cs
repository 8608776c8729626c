using System.Data.Common;

namespace CallSync.Hub.Storage;

/// <summary>Call records: idempotent batch ingest and the queries behind the app API and the digests.</summary>
internal sealed class CallRecordStore(HubDatabase database)
{
    /// <summary>The columns every record query selects, in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "r.record_id, r.device_id, r.direction, r.local_number, r.remote_number, r.result, r.started_at, r.received_at, r.payload, r.security";

    /// <summary>
    /// Stores a batch in one transaction, each record at most once (<c>ON CONFLICT DO NOTHING</c> on recordId).
    /// Returns, per input, whether it was new. When this returns, every row is committed.
    /// </summary>
    public async Task<bool[]> InsertBatchAsync(IReadOnlyList<StoredCallRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var inserted = new bool[records.Count];
        if (records.Count == 0)
        {
            return inserted;
        }

        if (database.Provider == Configuration.StorageProvider.Postgres)
        {
            return await InsertBatchPostgresAsync(records, cancellationToken).ConfigureAwait(false);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO call_records (record_id, device_id, direction, local_number, remote_number, result, started_at, received_at, payload, security) " +
            "VALUES (@id, @d, @dir, @l, @r, @res, @s, @rcv, @p, @sec) ON CONFLICT DO NOTHING", transaction)
            .With("@id", string.Empty).With("@d", string.Empty).With("@dir", string.Empty).With("@l", string.Empty)
            .With("@r", string.Empty).With("@res", string.Empty).With("@s", 0L).With("@rcv", 0L).With("@p", string.Empty).With("@sec", string.Empty);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            command.Parameters[0].Value = record.RecordId;
            command.Parameters[1].Value = record.DeviceId;
            command.Parameters[2].Value = record.Direction;
            command.Parameters[3].Value = record.LocalNumber;
            command.Parameters[4].Value = record.RemoteNumber;
            command.Parameters[5].Value = record.Result;
            command.Parameters[6].Value = record.StartedAt.ToUnixTimeMilliseconds();
            command.Parameters[7].Value = record.ReceivedAt.ToUnixTimeMilliseconds();
            command.Parameters[8].Value = record.Payload;
            command.Parameters[9].Value = record.Security;
            inserted[i] = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    /// <summary>
    /// PostgreSQL: the whole batch in one statement and one round trip (arrays through <c>unnest</c>);
    /// <c>RETURNING</c> names the rows that were new. Duplicates inside the batch are dropped first, because
    /// <c>ON CONFLICT DO NOTHING</c> only sees rows that were already committed.
    /// </summary>
    private async Task<bool[]> InsertBatchPostgresAsync(IReadOnlyList<StoredCallRecord> records, CancellationToken cancellationToken)
    {
        var unique = new Dictionary<string, StoredCallRecord>(records.Count, StringComparer.Ordinal);
        foreach (var record in records)
        {
            unique.TryAdd(record.RecordId, record);
        }

        var rows = unique.Values.ToArray();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO call_records (record_id, device_id, direction, local_number, remote_number, result, started_at, received_at, payload, security) " +
            "SELECT * FROM unnest(@id::text[], @d::text[], @dir::text[], @l::text[], @r::text[], @res::text[], @s::bigint[], @rcv::bigint[], @p::text[], @sec::text[]) " +
            "ON CONFLICT DO NOTHING RETURNING record_id")
            .With("@id", rows.Select(r => r.RecordId).ToArray())
            .With("@d", rows.Select(r => r.DeviceId).ToArray())
            .With("@dir", rows.Select(r => r.Direction).ToArray())
            .With("@l", rows.Select(r => r.LocalNumber).ToArray())
            .With("@r", rows.Select(r => r.RemoteNumber).ToArray())
            .With("@res", rows.Select(r => r.Result).ToArray())
            .With("@s", rows.Select(r => r.StartedAt.ToUnixTimeMilliseconds()).ToArray())
            .With("@rcv", rows.Select(r => r.ReceivedAt.ToUnixTimeMilliseconds()).ToArray())
            .With("@p", rows.Select(r => r.Payload).ToArray())
            .With("@sec", rows.Select(r => r.Security).ToArray());
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inserted.Add(reader.GetString(0));
            }
        }

        var result = new bool[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            // Only the first occurrence of an id in the batch counts as new.
            result[i] = inserted.Remove(records[i].RecordId);
        }

        return result;
    }

    public async Task<StoredCallRecord?> GetAsync(string recordId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM call_records r WHERE r.record_id = @id").With("@id", recordId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT COUNT(*) FROM call_records");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One page, newest first; at most <see cref="CallRecordQuery.Limit"/> rows (the statement: <see cref="CallRecordQuerySql"/>).</summary>
    public async Task<IReadOnlyList<StoredCallRecord>> QueryAsync(CallRecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> devices = [];
        if (query.DeviceId is not null)
        {
            devices = [query.DeviceId];
        }
        else if (!query.IsAdmin && query.Number is null)
        {
            devices = await BoundDevicesAsync(connection, query.UserId, cancellationToken).ConfigureAwait(false);
            if (devices.Count == 0)
            {
                return [];
            }

            if (devices.Count > CallRecordQuerySql.MaxDeviceBranches)
            {
                devices = [];
            }
        }

        await using var command = connection.CreateCommand();
        CallRecordQuerySql.Build(command, query, devices, database.Provider);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records of the user's actively bound devices received in [from, to), oldest first (digest content).</summary>
    public async Task<IReadOnlyList<StoredCallRecord>> ReceivedForUserAsync(string userId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT " + Columns + " FROM call_records r JOIN bindings b ON b.device_id = r.device_id AND b.user_id = @u AND b.status = 'active' " +
            "WHERE r.received_at >= @f AND r.received_at < @t ORDER BY r.received_at, r.record_id")
            .With("@u", userId).With("@f", from.ToUnixTimeMilliseconds()).With("@t", to.ToUnixTimeMilliseconds());
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> BoundDevicesAsync(DbConnection connection, string userId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT device_id FROM bindings WHERE user_id = @u AND status = 'active' ORDER BY device_id").With("@u", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var devices = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            devices.Add(reader.GetString(0));
        }

        return devices;
    }

    private static async Task<IReadOnlyList<StoredCallRecord>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<StoredCallRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static StoredCallRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        reader.GetString(8),
        reader.GetString(9));
}

using System.Data.Common;
using System.Text;
using CallSync.Hub.Configuration;

namespace CallSync.Hub.Storage;

/// <summary>
/// Builds the statement for one call-log page so that every filter is answered by an index seek, however rare its
/// matches (docs/benchmarks.md, "Call log at 1,000,000 records"). The page is a <c>UNION ALL</c> of branches, each
/// newest-first and limited to the page size on its own, merged and limited once more:
/// <list type="bullet">
/// <item>a number search has one branch per number column, each seeking its number index
/// (<c>(number, started_at, record_id, device_id)</c>), the caller's phones checked on the index entry;</item>
/// <item>otherwise one branch per phone the caller sees (a salesperson's bound phones, or the phone asked for), each
/// seeking <c>(device_id, started_at, ...)</c> or, with a result filter, <c>(device_id, result, started_at, ...)</c>;
/// an admin without a phone filter has one branch over the time or result index.</item>
/// </list>
/// A salesperson's branches keep the binding check (<c>IN</c> over the active bindings) in the same statement, so a
/// binding ended between the two reads shows nothing.
/// </summary>
internal static class CallRecordQuerySql
{
    /// <summary>Beyond this many phones a salesperson's page is one branch over all of them (sorted, not merged).</summary>
    public const int MaxDeviceBranches = 32;

    private const string Columns = CallRecordStore.Columns;

    /// <summary>
    /// Fills <paramref name="command"/> for <paramref name="query"/>. <paramref name="devices"/> are the phones to read
    /// one branch each (empty: one branch with no phone condition of its own).
    /// </summary>
    public static void Build(DbCommand command, CallRecordQuery query, IReadOnlyList<string> devices, StorageProvider provider)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(devices);
        var filters = Filters(command, query);
        var sqlite = provider == StorageProvider.Sqlite;
        var branches = new List<string>();
        if (query.Number is not null)
        {
            command.With("@num", query.Number);
            var device = devices.Count == 1 ? "AND r.device_id = @d0 " : "";
            branches.Add(Branch(sqlite ? "INDEXED BY ix_call_records_remote " : "", "AND r.remote_number = @num " + device + filters));
            branches.Add(Branch(sqlite ? "INDEXED BY ix_call_records_local " : "", "AND r.local_number = @num AND r.remote_number <> @num " + device + filters));
        }
        else if (devices.Count == 0)
        {
            branches.Add(Branch("", filters));
        }
        else
        {
            for (var i = 0; i < devices.Count; i++)
            {
                branches.Add(Branch("", "AND r.device_id = @d" + Invariant(i) + " " + filters));
            }
        }

        for (var i = 0; i < devices.Count; i++)
        {
            command.With("@d" + Invariant(i), devices[i]);
        }

        command.With("@limit", (long)query.Limit);
        var sql = new StringBuilder();
        if (branches.Count == 1)
        {
            sql.Append(branches[0]);
        }
        else
        {
            for (var i = 0; i < branches.Count; i++)
            {
                sql.Append(i == 0 ? "SELECT * FROM (" : " UNION ALL SELECT * FROM (").Append(branches[i]).Append(") b").Append(Invariant(i));
            }

            sql.Append(" ORDER BY started_at DESC, record_id DESC LIMIT @limit");
        }

#pragma warning disable CA2100 // Built only from the constant fragments above; every value is a parameter.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
    }

    private static string Branch(string indexHint, string conditions) =>
        "SELECT " + Columns + " FROM call_records r " + indexHint + "WHERE 1 = 1 " + conditions + "ORDER BY r.started_at DESC, r.record_id DESC LIMIT @limit";

    /// <summary>The conditions every branch shares, their parameters added once.</summary>
    private static string Filters(DbCommand command, CallRecordQuery query)
    {
        var sql = new StringBuilder();
        if (!query.IsAdmin)
        {
            sql.Append("AND r.device_id IN (SELECT b.device_id FROM bindings b WHERE b.user_id = @user AND b.status = 'active') ");
            command.With("@user", query.UserId);
        }

        Filter(sql, command, "r.started_at >= @from", "@from", query.From?.ToUnixTimeMilliseconds());
        Filter(sql, command, "r.started_at < @to", "@to", query.To?.ToUnixTimeMilliseconds());
        Filter(sql, command, "r.direction = @dir", "@dir", query.Direction);
        Filter(sql, command, "r.result = @res", "@res", query.Result);
        if (query.After is not null)
        {
            // A row-value comparison lets both engines seek the (.., started_at, record_id) index directly.
            sql.Append("AND (r.started_at, r.record_id) < (@cs, @cr) ");
            command.With("@cs", query.After.StartedAtMs).With("@cr", query.After.RecordId);
        }

        return sql.ToString();
    }

    private static void Filter(StringBuilder sql, DbCommand command, string clause, string name, object? value)
    {
        if (value is not null)
        {
            sql.Append("AND ").Append(clause).Append(' ');
            command.With(name, value);
        }
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

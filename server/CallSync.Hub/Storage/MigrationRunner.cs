using System.Data.Common;
using CallSync.Hub.Configuration;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Storage;

/// <summary>
/// Applies pending <see cref="Migrations"/> at start-up, each in its own transaction. Several hub instances may
/// start at once: PostgreSQL serialises them with an advisory lock, SQLite with <c>BEGIN IMMEDIATE</c>.
/// </summary>
internal sealed class MigrationRunner(HubDatabase database, TimeProvider timeProvider, ILogger<MigrationRunner> logger)
{
    // Arbitrary but fixed: identifies "callsync-hub schema migration" among advisory locks.
    private const long AdvisoryLockKey = 0x43_53_48_55_42;

    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var postgres = database.Provider == StorageProvider.Postgres;
        if (postgres)
        {
            await using var lockCommand = connection.Command("SELECT pg_advisory_lock(@k)").With("@k", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using var wal = connection.Command("PRAGMA journal_mode = WAL");
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using (var create = connection.Command(
                "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var applied = 0;
            foreach (var migration in Migrations.All)
            {
                if (await ApplyOneAsync(connection, migration, postgres, cancellationToken).ConfigureAwait(false))
                {
                    applied++;
                    Log.MigrationApplied(logger, migration.Version, migration.Name);
                }
            }

            return applied;
        }
        finally
        {
            if (postgres)
            {
                await using var unlock = connection.Command("SELECT pg_advisory_unlock(@k)").With("@k", AdvisoryLockKey);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> ApplyOneAsync(DbConnection connection, Migration migration, bool postgres, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!postgres)
        {
            // Take SQLite's write lock before reading the version, so two processes cannot both apply a step.
            await using var touch = connection.Command("DELETE FROM schema_version WHERE version < 0", transaction);
            await touch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var check = connection.Command("SELECT COUNT(*) FROM schema_version WHERE version = @v", transaction).With("@v", (long)migration.Version))
        {
            var count = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (count > 0)
            {
                return false;
            }
        }

        var identity = postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        await using (var step = connection.Command(migration.Sql.Replace("{identity}", identity, StringComparison.Ordinal), transaction))
        {
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var record = connection.Command("INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @t)", transaction)
            .With("@v", (long)migration.Version).With("@n", migration.Name).With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}

namespace CallSync.Hub.Storage;

/// <summary>
/// What was pushed to whom. A push is claimed here before it is published, so across restarts and across
/// hub instances each (user, kind, key) goes out at most once; a failed publish releases its claim.
/// </summary>
internal sealed class PushLedger(HubDatabase database, TimeProvider timeProvider)
{
    public async Task<bool> TryClaimAsync(string userId, string kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO push_ledger (user_id, kind, push_key, pushed_at) VALUES (@u, @k, @p, @t) ON CONFLICT DO NOTHING")
            .With("@u", userId).With("@k", kind).With("@p", key).With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task ReleaseAsync(string userId, string kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("DELETE FROM push_ledger WHERE user_id = @u AND kind = @k AND push_key = @p")
            .With("@u", userId).With("@k", kind).With("@p", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The greatest key pushed to the user of this kind (digest keys are yyyy-MM-dd, so the latest day).</summary>
    public async Task<string?> LatestKeyAsync(string userId, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT MAX(push_key) FROM push_ledger WHERE user_id = @u AND kind = @k")
            .With("@u", userId).With("@k", kind);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string userId, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT push_key FROM push_ledger WHERE user_id = @u AND kind = @k ORDER BY push_key")
            .With("@u", userId).With("@k", kind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}

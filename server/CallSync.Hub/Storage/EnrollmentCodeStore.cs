namespace CallSync.Hub.Storage;

/// <summary>
/// One-time enrollment codes, stored as SHA-256 hashes only. Using one is a single conditional UPDATE, so two
/// concurrent attempts with the same code cannot both succeed, on either engine.
/// </summary>
internal sealed class EnrollmentCodeStore(HubDatabase database, TimeProvider timeProvider)
{
    public async Task AddAsync(string codeHash, string deviceId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO enrollment_codes (code_hash, device_id, expires_at, used_at, created_at) VALUES (@h, @d, @e, NULL, @t)")
            .With("@h", codeHash).With("@d", deviceId).With("@e", expiresAt.ToUnixTimeMilliseconds())
            .With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uses the code up when it is unused and was issued for <paramref name="deviceId"/>, and says what it was; a code
    /// presented by another device stays usable (a mistyped device id does not burn it).
    /// </summary>
    public async Task<EnrollmentCodeStatus> UseAsync(string codeHash, string deviceId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        int claimed;
        await using (var claim = connection.Command(
            "UPDATE enrollment_codes SET used_at = @n WHERE code_hash = @h AND device_id = @d AND used_at IS NULL")
            .With("@n", now).With("@h", codeHash).With("@d", deviceId))
        {
            claimed = await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var read = connection.Command("SELECT device_id, expires_at FROM enrollment_codes WHERE code_hash = @h").With("@h", codeHash);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return EnrollmentCodeStatus.Unknown;
        }

        if (!string.Equals(reader.GetString(0), deviceId, StringComparison.Ordinal))
        {
            return EnrollmentCodeStatus.OtherDevice;
        }

        if (claimed != 1)
        {
            return EnrollmentCodeStatus.Used;
        }

        return reader.GetInt64(1) <= now ? EnrollmentCodeStatus.Expired : EnrollmentCodeStatus.Valid;
    }

    /// <summary>Makes every unused code of <paramref name="deviceId"/> unusable (a newer code, or a revocation).</summary>
    public async Task RetireAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE enrollment_codes SET used_at = @n WHERE device_id = @d AND used_at IS NULL")
            .With("@n", timeProvider.GetUtcNow().ToUnixTimeMilliseconds()).With("@d", deviceId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

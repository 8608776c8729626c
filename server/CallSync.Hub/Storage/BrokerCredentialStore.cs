using System.Data.Common;
using CallSync.Hub.Messaging;

namespace CallSync.Hub.Storage;

/// <summary>
/// The broker identities: one row per MQTT user name (phones, hub instances, app users' latest token), holding only a
/// hash. The user name is the primary key, so a device id can never also be a hub's user name.
/// </summary>
internal sealed class BrokerCredentialStore(HubDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "username, kind, secret_hash, expires_at";

    /// <summary>Creates or replaces the row of <see cref="BrokerCredentialRecord.Username"/>; false when it belongs to another kind of identity.</summary>
    public async Task<bool> UpsertAsync(BrokerCredentialRecord credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO broker_credentials (" + Columns + ", updated_at) VALUES (@u, @k, @h, @e, @t) " +
            "ON CONFLICT (username) DO UPDATE SET secret_hash = excluded.secret_hash, expires_at = excluded.expires_at, " +
            "updated_at = excluded.updated_at WHERE broker_credentials.kind = excluded.kind")
            .With("@u", credential.Username).With("@k", KindText(credential.Kind)).With("@h", credential.SecretHash)
            .With("@e", credential.ExpiresAt?.ToUnixTimeMilliseconds()).With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<BrokerCredentialRecord?> GetAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM broker_credentials WHERE username = @u").With("@u", username);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Every identity that works at <paramref name="now"/>, ordered by user name.</summary>
    public async Task<IReadOnlyList<BrokerCredentialRecord>> ListValidAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT " + Columns + " FROM broker_credentials WHERE expires_at IS NULL OR expires_at > @n ORDER BY username")
            .With("@n", now.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<BrokerCredentialRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public async Task<bool> DeleteAsync(string username, BrokerIdentityKind kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("DELETE FROM broker_credentials WHERE username = @u AND kind = @k")
            .With("@u", username).With("@k", KindText(kind));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static string KindText(BrokerIdentityKind kind) => kind switch
    {
        BrokerIdentityKind.Device => "device",
        BrokerIdentityKind.Hub => "hub",
        _ => "user",
    };

    private static BrokerCredentialRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1) switch
        {
            "device" => BrokerIdentityKind.Device,
            "hub" => BrokerIdentityKind.Hub,
            _ => BrokerIdentityKind.User,
        },
        reader.GetString(2),
        reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
}

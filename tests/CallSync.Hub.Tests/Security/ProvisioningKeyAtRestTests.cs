using System.Text;
using CallSync.Hub.Configuration;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hub.Tests.Security;

/// <summary>Issue 19, item 5: hub.db owner-only, provisioning keys sealed with a key kept outside it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProvisioningKeyAtRestTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-hub-atrest-").FullName;

    private string Db => Path.Combine(_dir, "hub.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Enroll_CopiedDatabaseWithoutItsKeyFile_YieldsNoProvisioningKey()
    {
        byte[] key;
        await using (var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System, Db))
        {
            key = (await hub.CreateDeviceAsync("phone-1", "2001")).Key;
            var stored = await hub.Get<DeviceStore>().GetAsync("phone-1", CancellationToken.None);
            Assert.Equal(Convert.ToBase64String(key), stored!.ProvisioningKey);
            foreach (var file in new[] { Db, Db + "-wal", Db + "-shm" })
            {
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
            }
        }

        // The hub is gone; hub.db is what a copy would hold, without the key (configured, or the data directory's file).
        SqliteConnection.ClearAllPools();
        AssertNotInFiles(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
        AssertNotInFiles(key);
        Assert.StartsWith(ProvisioningKeyProtector.Prefix, await ReadStoredKeyAsync("phone-1"), StringComparison.Ordinal);

        // The same installation's settings, but no configured key: the fresh data directory generates another one.
        var options = TestHub.WithSecurity(
            TestHub.Options(StorageProvider.Sqlite, "Data Source=" + Db, FreePort.Tcp(), embedded: true, "hub"),
            TestHub.Security(keyEncryptionKey: string.Empty));
        try
        {
            await using var app = HubApplication.Build(options, TimeProvider.System, logging => logging.AddFilter(_ => false));
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HubApplication.InitializeAsync(app, CancellationToken.None));
            Assert.Contains("1 stored provisioning key(s) cannot be opened", error.Message, StringComparison.Ordinal);
            Assert.Contains(HubDataDirectory.KeyEncryptionKeyFile, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(options.Storage.DataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Start_ClearTextKeyFromAnOlderHub_SealedAndGoneFromTheFile()
    {
        await using (var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System, Db))
        {
            await hub.CreateDeviceAsync("phone-1", "2001");
        }

        const string Clear = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
        await using (var connection = new SqliteConnection("Data Source=" + Db + ";Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.Command("UPDATE devices SET provisioning_key = @k WHERE device_id = 'phone-1'").With("@k", Clear);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.True(InFiles(Encoding.ASCII.GetBytes(Clear)), "the search must find a clear key where there is one");

        var logs = new ListLoggerProvider();
        await using (var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System, Db, logs: logs))
        {
            Assert.Equal(Clear, (await hub.Get<DeviceStore>().GetAsync("phone-1", CancellationToken.None))!.ProvisioningKey);
            Assert.Equal(1, logs.Count(7013));
        }

        SqliteConnection.ClearAllPools();
        AssertNotInFiles(Encoding.ASCII.GetBytes(Clear));
        Assert.StartsWith(ProvisioningKeyProtector.Prefix, await ReadStoredKeyAsync("phone-1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealStoredKeysAsync_RotationWithPreviousKey_ResealsAndOldKeyAloneNoLongerOpens()
    {
        const string OldKey = "old-key-0123456789abcdefghijklmnopqrstuv";
        const string NewKey = "new-key-0123456789abcdefghijklmnopqrstuv";
        var storage = new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=" + Db };
        await using var database = new HubDatabase(storage);
        await new MigrationRunner(database, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        var before = new DeviceStore(database, new ProvisioningKeyProtector(OldKey, null), TimeProvider.System);
        await before.CreateAsync("phone-1", "2001", CancellationToken.None);
        await before.SetKeysAsync("phone-1", "a2V5LW9mLXBob25lLTE=", string.Empty, CancellationToken.None);

        var rotating = new DeviceStore(database, new ProvisioningKeyProtector(NewKey, OldKey), TimeProvider.System);
        Assert.Equal((1, 0), await rotating.SealStoredKeysAsync(CancellationToken.None));
        Assert.Equal((0, 0), await rotating.SealStoredKeysAsync(CancellationToken.None));

        var after = new DeviceStore(database, new ProvisioningKeyProtector(NewKey, null), TimeProvider.System);
        Assert.Equal("a2V5LW9mLXBob25lLTE=", (await after.GetAsync("phone-1", CancellationToken.None))!.ProvisioningKey);
        Assert.Equal((0, 1), await before.SealStoredKeysAsync(CancellationToken.None));
        Assert.Equal(string.Empty, (await before.GetAsync("phone-1", CancellationToken.None))!.ProvisioningKey);
    }

    [Fact]
    public void PrepareFile_NewAndWorldReadableDatabases_OwnerOnlyWithCompanions()
    {
        var storage = new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=" + Db };
        HubDatabase.PrepareFile(storage);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Db));
        Assert.Equal(0, new FileInfo(Db).Length);

        foreach (var file in new[] { Db, Db + "-wal", Db + "-shm" })
        {
            File.WriteAllBytes(file, []);
            File.SetUnixFileMode(file, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        HubDatabase.PrepareFile(storage);
        foreach (var file in new[] { Db, Db + "-wal", Db + "-shm" })
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        }
    }

    private bool InFiles(byte[] needle) =>
        new[] { Db, Db + "-wal", Db + "-journal" }.Where(File.Exists).Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);

    private void AssertNotInFiles(byte[] needle) => Assert.False(InFiles(needle), "a provisioning key is readable in the database files");

    private async Task<string> ReadStoredKeyAsync(string deviceId)
    {
        await using var connection = new SqliteConnection("Data Source=" + Db + ";Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.Command("SELECT provisioning_key FROM devices WHERE device_id = @d").With("@d", deviceId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

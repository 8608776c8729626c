using CallSync.Hub.Configuration;
using CallSync.Hub.Tests.Infrastructure;

namespace CallSync.Hub.Tests.Unit;

public sealed class SqliteStorageTests : StorageContractTests
{
    internal override StorageOptions NewStorage() => new()
    {
        Provider = StorageProvider.Sqlite,
        ConnectionString = "Data Source=" + Path.Combine(Path.GetTempPath(), "callsync-hub-store-" + Guid.NewGuid().ToString("N") + ".db"),
    };
}

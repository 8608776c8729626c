using CallSync.Hub.Configuration;
using CallSync.Hub.Tests.Infrastructure;

namespace CallSync.Hub.Tests.Interop;

[Collection(InteropCollection.Name)]
[Trait("Category", "Interop")]
public sealed class PostgresStorageTests(InteropFixture fixture) : StorageContractTests
{
    internal override StorageOptions NewStorage() => new() { Provider = StorageProvider.Postgres, ConnectionString = fixture.Postgres.NewDatabase() };
}

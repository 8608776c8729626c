namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>One PostgreSQL cluster and one mosquitto broker shared by the interop tests.</summary>
public sealed class InteropFixture : IDisposable
{
    public InteropFixture()
    {
        Postgres = new PostgresFixture();
        try
        {
            Mosquitto = new MosquittoFixture();
        }
        catch
        {
            Postgres.Dispose();
            throw;
        }
    }

    public PostgresFixture Postgres { get; }

    public MosquittoFixture Mosquitto { get; }

    public void Dispose()
    {
        Mosquitto.Dispose();
        Postgres.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<InteropFixture>
{
    public const string Name = "interop";
}

using System.Net;
using CallSync.Companion.Client;
using CallSync.Companion.Security;
using CallSync.Companion.Server;
using CallSync.Companion.Transport;
using CallSync.Hal;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Companion.Tests.Support;

/// <summary>
/// A real <see cref="CompanionServer"/> with a temp data dir and fakes for the seams, over TCP on 127.0.0.1 (a free
/// port) or over SOCK_SEQPACKET pairs carrying LE-sized SDUs.
/// </summary>
public sealed class ServerFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public ServerFixture(IPairingConfirmer? confirmer = null, CompanionServerOptions? options = null, CompanionLink link = CompanionLink.Tcp)
    {
        DataDirectory = Directory.CreateTempSubdirectory("companion-test-").FullName;
        Link = link;
        Transport = link == CompanionLink.Tcp ? TcpCompanionTransport.Listen(new IPEndPoint(IPAddress.Loopback, 0)) : new SeqPacketTransport();
        Identity = CompanionIdentity.LoadOrCreate(DataDirectory, "dev-0042", "+4930123456");
        Keys = new CompanionKeyStore(DataDirectory);
        Confirmer = confirmer ?? new ScriptedConfirmer();
        Server = new CompanionServer(
            Transport, Identity, Keys, Outbox, Dialer, Confirmer,
            options ?? new CompanionServerOptions { ChunkSize = link == CompanionLink.Le ? CompanionServerOptions.LeChunkSize : CompanionServerOptions.DefaultChunkSize },
            Time, Logger);
        _run = Server.RunAsync(_stop.Token);
    }

    public string DataDirectory { get; }

    public CompanionLink Link { get; }

    public ICompanionTransport Transport { get; }

    public CompanionIdentity Identity { get; }

    public CompanionKeyStore Keys { get; }

    public InMemoryCompanionOutbox Outbox { get; } = new();

    public FakeDialer Dialer { get; } = new();

    public IPairingConfirmer Confirmer { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-23T19:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public TestLogger<CompanionServer> Logger { get; } = new();

    public CompanionServer Server { get; }

    /// <summary>The TCP endpoint (TCP link only).</summary>
    public IPEndPoint EndPoint => ((TcpCompanionTransport)Transport).LocalEndPoint;

    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>A new connection to the server over the fixture's link.</summary>
    public Task<Stream> OpenStreamAsync() => Transport switch
    {
        TcpCompanionTransport => TcpCompanionTransport.ConnectAsync("127.0.0.1", EndPoint.Port, Timeout()),
        SeqPacketTransport seqPacket => seqPacket.ConnectAsync(),
        _ => throw new InvalidOperationException("unknown link"),
    };

    /// <summary>A relay over the fixture's link that cuts the n-th connection after <paramref name="cutAfterDownstreamBytes"/>(n) bytes.</summary>
    public ICuttingLink CreateCuttingLink(Func<int, long?> cutAfterDownstreamBytes) => Transport switch
    {
        SeqPacketTransport seqPacket => new SduRelay(seqPacket, cutAfterDownstreamBytes),
        _ => new TcpProxy(EndPoint, cutAfterDownstreamBytes),
    };

    public async Task<CompanionClient> ConnectAsync(ICuttingLink? through = null) =>
        await CompanionClient.ConnectAsync(await (through?.OpenAsync() ?? OpenStreamAsync()), Timeout());

    /// <summary>Pairs a new companion with both users confirming and returns its credentials.</summary>
    public async Task<CompanionCredentials> PairAsync(string appUserId = "user-7")
    {
        await using var client = await ConnectAsync();
        var result = await client.PairAsync(appUserId, "Test mobile", (_, _) => ValueTask.FromResult(true), Timeout());
        return result.Credentials ?? throw new InvalidOperationException($"pairing failed: {result.Status} {result.Reason}");
    }

    /// <summary>Connects and authenticates a paired companion.</summary>
    public async Task<CompanionClient> AuthenticatedAsync(CompanionCredentials credentials, RecordingFolder? recordings = null, ICuttingLink? through = null)
    {
        var client = await ConnectAsync(through);
        await client.AuthenticateAsync(credentials, recordings, Timeout());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Transport.DisposeAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        await Server.DisposeAsync();
        Identity.Dispose();
        _stop.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

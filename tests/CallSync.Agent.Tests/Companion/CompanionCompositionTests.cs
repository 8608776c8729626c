using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CallSync.Agent.Companion;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Agent.Tests.Support;
using CallSync.Companion.Client;
using CallSync.Control;
using CallSync.Hal.Linux.Bluetooth;
using CallSync.Testing.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Tests.Companion;

/// <summary>
/// The companion link as the composition root builds it. Bluetooth entries go through a board without Bluetooth (the
/// socket layer's own "not available" error), so the fallback is proven the same on any machine.
/// </summary>
public sealed class CompanionCompositionTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir = new("callsync-companion-composition-");
    private readonly LogCapture _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Register_OnlyTcp_ServesCompanionsOverTcp()
    {
        await using var provider = Compose("tcp:127.0.0.1:0");
        var link = provider.GetRequiredService<CompanionLink>();
        var service = provider.GetRequiredService<CompanionService>();

        await service.StartAsync(CancellationToken.None);
        await using (var client = await ConnectAsync(link))
        {
            Assert.Equal("1001", client.DeviceNumber);
        }

        Assert.Null(link.Publisher);
        Assert.StartsWith("listening on tcp:127.0.0.1:", service.Describe(), StringComparison.Ordinal);
        await service.StopAsync(CancellationToken.None);
        Assert.DoesNotContain(_log.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Register_BluetoothEntriesWithoutBluetooth_OneLineEachAndTcpCompanionsServed()
    {
        await using var provider = Compose("ble:auto", "rfcomm:5", "tcp:127.0.0.1:0");
        var link = provider.GetRequiredService<CompanionLink>();
        var service = provider.GetRequiredService<CompanionService>();

        await service.StartAsync(CancellationToken.None);
        await using (var client = await ConnectAsync(link))
        {
            Assert.Equal("desk-0001", client.DeviceId);
        }

        var skipped = _log.Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Equal(2, skipped.Count);
        Assert.StartsWith("Companion:Listen ble:auto skipped, the other transports serve: Bluetooth is not available", skipped[0], StringComparison.Ordinal);
        Assert.StartsWith("Companion:Listen rfcomm:5 skipped, the other transports serve: Bluetooth is not available", skipped[1], StringComparison.Ordinal);
        Assert.DoesNotContain('\n', skipped[0]);
        Assert.Equal(["tcp"], link.Server!.Endpoints.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Null(link.Publisher);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Register_OnlyBluetoothWithoutBluetooth_NotServingButStartsAndAnswers()
    {
        await using var provider = Compose("ble:0x81");
        var service = provider.GetRequiredService<CompanionService>();

        await service.StartAsync(CancellationToken.None);
        var reply = await service.HandleAsync(new ControlRequest("companions", ["list"]), CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.Null(provider.GetRequiredService<CompanionLink>().Server);
        Assert.Equal("not serving: none of ble:0x81 could be opened", service.Describe());
        Assert.NotEqual(0, reply.Exit);
        Assert.Contains("not serving", reply.Text, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("Companion link not serving", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_TcpPortTaken_StartupErrorNamingTheEntry()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var entry = "tcp:" + taken.LocalEndPoint;
        await using var provider = Compose(entry);

        var error = Assert.Throws<StartupError>(() => provider.GetRequiredService<CompanionLink>());

        Assert.StartsWith($"companion: cannot listen on {entry} (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_NoListen_NotConfigured()
    {
        await using var provider = Compose();
        var service = provider.GetRequiredService<CompanionService>();

        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.Same(CompanionLink.NotConfigured, provider.GetRequiredService<CompanionLink>());
        Assert.Equal("not configured (Companion:Listen)", service.Describe());
    }

    private static async Task<CompanionClient> ConnectAsync(CompanionLink link)
    {
        var endpoint = Assert.Single(link.Server!.Endpoints, e => e.StartsWith("tcp:", StringComparison.Ordinal));
        int port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        using var timeout = new CancellationTokenSource(Patience);
        return await CompanionClient.ConnectTcpAsync("127.0.0.1", port, timeout.Token);
    }

    private ServiceProvider Compose(params string[] listen)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Device:Id"] = "desk-0001",
            ["Device:Number"] = "1001",
            ["Device:DataDir"] = _dir.Path,
            ["Board:Kind"] = "simulated",
            ["Sip:Listen"] = "udp:127.0.0.1:0",
        };
        for (int i = 0; i < listen.Length; i++)
        {
            settings[$"Companion:Listen:{i}"] = listen[i];
        }

        var options = AgentOptionsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), out _);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(_log));
        AgentComposition.Register(services, options, DataDirectory.Prepare(_dir.Path), "test");
        var sockets = CompanionTransports.Sockets(options.Companion?.Bluetooth ?? new CompanionBluetoothOptions());
        services.AddSingleton<OpenCompanionTransport>(entry => entry.Kind == CompanionTransportKind.Tcp
            ? sockets(entry)
            : throw new BluetoothUnavailableException("Bluetooth is not available on this system: socket(AF_BLUETOOTH) failed, EAFNOSUPPORT", 97));
        return services.BuildServiceProvider();
    }
}

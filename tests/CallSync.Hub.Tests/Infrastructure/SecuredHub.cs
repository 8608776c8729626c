using CallSync.Hub.Configuration;
using CallSync.Testing.Ports;
using MQTTnet;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>
/// A hub with the broker its phones and apps use: its embedded broker, or mosquitto started on the files the hub
/// generated (<c>Mqtt:MosquittoConfigDir</c>) with the hub connected to it as identity <c>hub</c>. Tests of the broker
/// rules run unchanged against both.
/// </summary>
public sealed class SecuredHub : IAsyncDisposable
{
    private readonly SecuredMosquitto? _mosquitto;
    private readonly string? _generated;

    private SecuredHub(TestHub hub, SecuredMosquitto? mosquitto, string? generated)
    {
        Hub = hub;
        _mosquitto = mosquitto;
        _generated = generated;
    }

    public TestHub Hub { get; }

    public static async Task<SecuredHub> StartAsync(bool mosquitto, TimeProvider time)
    {
        if (!mosquitto)
        {
            return new SecuredHub(await TestHub.SqliteEmbeddedAsync(time), null, null);
        }

        var generated = Directory.CreateTempSubdirectory("callsync-mosquitto-files-").FullName;
        var database = Path.Combine(Path.GetTempPath(), "callsync-hub-mosq-" + Guid.NewGuid().ToString("N") + ".db");
        var port = FreePort.Tcp();
        SecuredMosquitto? broker = null;
        var hub = await TestHub.StartAsync(
            TestHub.Options(StorageProvider.Sqlite, "Data Source=" + database, port, embedded: false, "hub", sharedGroup: "callsync-hub", mosquittoDir: generated),
            time,
            beforeStart: () =>
            {
                broker = SecuredMosquitto.Start(generated, port);
                return Task.CompletedTask;
            });
        hub.DatabaseFile = database;
        return new SecuredHub(hub, broker, generated);
    }

    /// <summary>After an enrollment or a sign-in: mosquitto reads the rewritten files (the embedded broker needs nothing).</summary>
    public void IdentitiesChanged() => _mosquitto?.Reload();

    /// <summary>Connects; mosquitto may still be re-reading its files, so a refusal is retried (bounded) when <paramref name="retry"/>.</summary>
    public async Task<(IMqttClient? Client, MqttClientConnectResultCode Result)> ConnectAsync(string clientId, string? username, string? password, bool retry = true)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(retry ? 15 : 0);
        while (true)
        {
            var (client, code) = await MqttProbe.TryConnectAsync(Hub.BrokerPort, clientId, username, password);
            if (client is not null || DateTime.UtcNow >= deadline)
            {
                return (client, code);
            }

            await Task.Delay(200);
        }
    }

    /// <summary>An enrolled phone, connected (retrying while mosquitto re-reads its files) and subscribed.</summary>
    public Task<TestDevice> ConnectDeviceAsync(TestEnrollment device, params string[] subscriptions) =>
        WrapAsync(device.DeviceId, device.DeviceId, device.BrokerPassword, subscriptions);

    /// <summary>An app user's client: user name <c>user@{userId}</c>, the access token as password.</summary>
    public Task<TestDevice> ConnectAppAsync(string userId, string token, params string[] subscriptions) =>
        WrapAsync("user@" + userId, "user@" + userId, token, subscriptions);

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        _mosquitto?.Dispose();
        if (_generated is not null)
        {
            Directory.Delete(_generated, recursive: true);
        }
    }

    private async Task<TestDevice> WrapAsync(string clientId, string username, string password, string[] subscriptions)
    {
        var (client, code) = await ConnectAsync(clientId, username, password);
        Assert.True(client is not null, username + " could not connect: " + code);
        var device = TestDevice.Wrap(client!, clientId);
        foreach (var filter in subscriptions)
        {
            Assert.True(await device.SubscribeAsync(filter), "subscription to " + filter + " refused");
        }

        return device;
    }
}

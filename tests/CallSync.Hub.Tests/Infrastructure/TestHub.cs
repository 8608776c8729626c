using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CallSync.Hub.Api;
using CallSync.Hub.Configuration;
using CallSync.Hub.Messaging;
using CallSync.Hub.Push;
using CallSync.Hub.Records;
using CallSync.Testing.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>A hub hosted in-process on 127.0.0.1 (free port) with an HttpClient, plus admin shortcuts.</summary>
public sealed class TestHub : IAsyncDisposable
{
    public const string AdminId = "admin";
    public const string AdminPassword = "admin-password-1";
    public const string Secret = "test-secret-test-secret-test-secret-0123";

    private readonly WebApplication _app;
    private string? _adminToken;
    private int _disposed;

    private TestHub(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    internal static HubOptions Options(StorageProvider provider, string connectionString, int mqttPort, bool embedded, string clientId, string sharedGroup = "callsync-hub") => new()
    {
        Http = new HttpOptions { Urls = "http://127.0.0.1:0" },
        Storage = new StorageOptions { Provider = provider, ConnectionString = connectionString },
        Mqtt = new MqttOptions
        {
            Host = "127.0.0.1",
            Port = mqttPort,
            Embedded = embedded,
            EmbeddedPort = mqttPort,
            ClientId = clientId,
            SharedGroup = sharedGroup,
            ReceiveMaximum = 500,
        },
        Security = new SecurityOptions { TokenSecret = Secret, PasswordIterations = 100_000, TokenLifetime = TimeSpan.FromHours(1) },
        Push = new PushOptions { DigestCheckInterval = TimeSpan.FromMinutes(1) },
        Dial = new DialOptions { Timeout = TimeSpan.FromSeconds(30) },
        Admin = new AdminOptions { User = AdminId, Password = AdminPassword },
    };

    internal static async Task<TestHub> StartAsync(HubOptions options, TimeProvider timeProvider)
    {
        var app = HubApplication.Build(options, timeProvider, logging => logging.AddFilter(_ => false));
        await HubApplication.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = HubApplication.BoundAddress(app), Timeout = TimeSpan.FromSeconds(30) };
        var hub = new TestHub(app, http);
        await hub.WaitForMqttAsync();
        return hub;
    }

    internal T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Waits (bounded, real time) until the hub's MQTT session is up and subscribed.</summary>
    public async Task WaitForMqttAsync()
    {
        var client = Get<HubMqttClient>();
        for (var i = 0; i < 200 && !client.IsConnected; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(client.IsConnected, "hub did not connect to the broker");
    }

    public async Task<string> AdminTokenAsync() => _adminToken ??= await TokenAsync(AdminId, AdminPassword);

    public async Task<string> TokenAsync(string userId, string password)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userId, password), HubJsonContext.Default.TokenRequest);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync(HubJsonContext.Default.TokenResponse);
        return token!.AccessToken;
    }

    public async Task<string> CreateUserAsync(string userId, params string[] patterns)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/admin/users", await AdminTokenAsync(),
            JsonContent.Create(new CreateUserRequest(userId, "password-" + userId, "user", patterns), HubJsonContext.Default.CreateUserRequest));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await TokenAsync(userId, "password-" + userId);
    }

    /// <summary>Registers a device and returns its provisioning key.</summary>
    public async Task<byte[]> CreateDeviceAsync(string deviceId, string deskNumber, string? attestationKey = null)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var response = await SendAsync(HttpMethod.Put, "/api/v1/admin/devices/" + deviceId, await AdminTokenAsync(),
            JsonContent.Create(new DeviceRequest(deskNumber, Convert.ToBase64String(key), attestationKey), HubJsonContext.Default.DeviceRequest));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        return key;
    }

    public async Task BindAsync(string userId, string deviceId, bool canDial = true)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/admin/bindings/{userId}/{deviceId}/approve", await AdminTokenAsync(),
            JsonContent.Create(new ApproveRequest(canDial), HubJsonContext.Default.ApproveRequest));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    internal long StoredByThisInstance => Get<IngestPipeline>().StoredCount;

    internal Task<int> RunDigestsAsync() => Get<DigestScheduler>().RunOnceAsync(CancellationToken.None);

    /// <summary>Kills the MQTT link without DISCONNECT (as a crash would), then stops the host.</summary>
    public async Task KillAsync()
    {
        Get<HubMqttClient>().Abort();
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Http.Dispose();
        try
        {
            await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
        catch (ObjectDisposedException)
        {
        }

        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>A hub on a fresh SQLite file with its embedded broker on a free port.</summary>
    internal static async Task<TestHub> SqliteEmbeddedAsync(TimeProvider timeProvider, string? databaseFile = null, int? brokerPort = null)
    {
        databaseFile ??= Path.Combine(Path.GetTempPath(), "callsync-hub-test-" + Guid.NewGuid().ToString("N") + ".db");
        var port = brokerPort ?? FreePort.Tcp();
        var hub = await StartAsync(Options(StorageProvider.Sqlite, "Data Source=" + databaseFile, port, embedded: true, "hub-embedded"), timeProvider);
        hub.BrokerPort = port;
        hub.DatabaseFile = databaseFile;
        return hub;
    }

    public int BrokerPort { get; private set; }

    public string? DatabaseFile { get; private set; }
}

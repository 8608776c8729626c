using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CallSync.Contracts;
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

    /// <summary>Shared by every test hub, as by the instances of one installation: a hub restarted on a database with a fresh data directory opens its keys.</summary>
    public const string KeyEncryptionKey = "test-key-encryption-key-0123456789abcdef";

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

    /// <summary>A test hub's options; its data directory is a fresh temp directory removed on dispose.</summary>
    internal static HubOptions Options(StorageProvider provider, string connectionString, int mqttPort, bool embedded, string username, string sharedGroup = "callsync-hub", string? mosquittoDir = null) => new()
    {
        Http = new HttpOptions { Urls = "http://127.0.0.1:0" },
        Storage = new StorageOptions { Provider = provider, ConnectionString = connectionString, DataDir = Directory.CreateTempSubdirectory("callsync-hub-data-").FullName },
        Mqtt = new MqttOptions
        {
            Host = "127.0.0.1",
            Port = mqttPort,
            Embedded = embedded,
            EmbeddedPort = mqttPort,
            Username = username,
            SharedGroup = sharedGroup,
            ReceiveMaximum = 500,
            MosquittoConfigDir = mosquittoDir,
        },
        Security = Security(),
        Push = new PushOptions { DigestCheckInterval = TimeSpan.FromMinutes(1) },
        Dial = new DialOptions { Timeout = TimeSpan.FromSeconds(30) },
        Admin = new AdminOptions { User = AdminId, Password = AdminPassword },
    };

    /// <summary>A test hub's security options: the shared token secret and key-encryption key, fast password hashing.</summary>
    internal static SecurityOptions Security(int signInLimitPerUser = 5, int signInLimitPerAddress = 20, string keyEncryptionKey = KeyEncryptionKey) => new()
    {
        TokenSecret = Secret,
        KeyEncryptionKey = keyEncryptionKey,
        PasswordIterations = 100_000,
        TokenLifetime = TimeSpan.FromHours(1),
        SignInLimitPerUser = signInLimitPerUser,
        SignInLimitPerAddress = signInLimitPerAddress,
    };

    /// <summary><paramref name="options"/> with other security options.</summary>
    internal static HubOptions WithSecurity(HubOptions options, SecurityOptions security) => new()
    {
        Http = options.Http,
        Storage = options.Storage,
        Mqtt = options.Mqtt,
        Security = security,
        Push = options.Push,
        Dial = options.Dial,
        Admin = options.Admin,
        Recordings = options.Recordings,
        Web = options.Web,
        Enrollment = options.Enrollment,
        LogLevels = options.LogLevels,
        LogFloodLimit = options.LogFloodLimit,
    };

    /// <param name="options">The hub's options (<see cref="Options"/>).</param>
    /// <param name="timeProvider">Its clock.</param>
    /// <param name="logs">Collects its log lines; null drops them.</param>
    /// <param name="beforeStart">Runs after the database and the broker files are ready, before anything connects (starts an external broker).</param>
    internal static async Task<TestHub> StartAsync(HubOptions options, TimeProvider timeProvider, ListLoggerProvider? logs = null, Func<Task>? beforeStart = null)
    {
        var app = HubApplication.Build(options, timeProvider, logging =>
        {
            if (logs is null)
            {
                logging.AddFilter(_ => false);
            }
            else
            {
                logging.AddProvider(logs);
            }
        });
        await HubApplication.InitializeAsync(app, CancellationToken.None);
        if (beforeStart is not null)
        {
            await beforeStart();
        }

        await app.StartAsync();
        var http = new HttpClient { BaseAddress = HubApplication.BoundAddress(app), Timeout = TimeSpan.FromSeconds(30) };
        var hub = new TestHub(app, http) { DataDir = options.Storage.DataDir, BrokerPort = options.Mqtt.Embedded ? options.Mqtt.EmbeddedPort : options.Mqtt.Port };
        await hub.WaitForMqttAsync();
        return hub;
    }

    internal T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Waits (bounded, real time) until the hub's MQTT session is up and subscribed.</summary>
    public async Task WaitForMqttAsync()
    {
        var client = Get<IHubBroker>();
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

    /// <summary>Registers a device (admin API) and enrolls it with its one-time code, as a phone would.</summary>
    public async Task<TestEnrollment> CreateDeviceAsync(string deviceId, string deskNumber, string? attestationKey = null)
    {
        var code = await RegisterDeviceAsync(deviceId, deskNumber);
        if (attestationKey is null)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            attestationKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        }

        using var response = await EnrollAsync(new EnrollmentRequest { Code = code.Code, DeviceId = deviceId, AttestationKey = attestationKey });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync(CallSyncJsonContext.Default.EnrollmentResponse))!;
        return new TestEnrollment(deviceId, Convert.FromBase64String(issued.ProvisioningKey), issued.BrokerPassword, issued.BrokerUrl);
    }

    /// <summary>Registers a device (admin API) and returns its first enrollment code.</summary>
    internal async Task<EnrollmentCodeDto> RegisterDeviceAsync(string deviceId, string deskNumber)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/admin/devices", await AdminTokenAsync(),
            JsonContent.Create(new CreateDeviceRequest(deviceId, deskNumber), HubJsonContext.Default.CreateDeviceRequest));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.EnrollmentCodeDto))!;
    }

    public Task<HttpResponseMessage> EnrollAsync(EnrollmentRequest request) =>
        Http.PostAsJsonAsync("/api/v1/enroll", request, CallSyncJsonContext.Default.EnrollmentRequest);

    /// <summary>An enrolled phone on this hub's broker, authenticated with what enrollment issued.</summary>
    public Task<TestDevice> ConnectDeviceAsync(TestEnrollment device, params string[] subscriptions) =>
        TestDevice.ConnectAsync(BrokerPort, device.DeviceId, device.DeviceId, device.BrokerPassword, subscriptions);

    /// <summary>An app on this hub's broker: user name <c>user@{userId}</c>, the access token as password.</summary>
    public Task<TestDevice> ConnectAppAsync(string userId, string token, params string[] subscriptions) =>
        TestDevice.ConnectAsync(BrokerPort, "user@" + userId, "user@" + userId, token, subscriptions);

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

    internal long Refused(string reason) => Get<RefusalCounter>().Count(reason);

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
        TryDelete(DataDir);
        if (DatabaseFile is not null)
        {
            foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static void TryDelete(string? directory)
    {
        try
        {
            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // still in use by a process the test started; the temp directory is left behind
        }
    }

    /// <summary>A hub on a fresh SQLite file with its embedded broker on a free port.</summary>
    internal static async Task<TestHub> SqliteEmbeddedAsync(TimeProvider timeProvider, string? databaseFile = null, int? brokerPort = null, ListLoggerProvider? logs = null)
    {
        var owned = databaseFile is null;
        databaseFile ??= Path.Combine(Path.GetTempPath(), "callsync-hub-test-" + Guid.NewGuid().ToString("N") + ".db");
        var port = brokerPort ?? FreePort.Tcp();
        var hub = await StartAsync(Options(StorageProvider.Sqlite, "Data Source=" + databaseFile, port, embedded: true, "hub"), timeProvider, logs);
        hub.DatabaseFile = owned ? databaseFile : null;
        return hub;
    }

    public int BrokerPort { get; private init; }

    public string? DataDir { get; private init; }

    /// <summary>The SQLite file this hub created (deleted on dispose); null when the test owns the database.</summary>
    public string? DatabaseFile { get; internal set; }
}

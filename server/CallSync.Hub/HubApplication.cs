using CallSync.Configuration;
using CallSync.Configuration.Logging;
using CallSync.Hub.Api;
using CallSync.Hub.Bindings;
using CallSync.Hub.Configuration;
using CallSync.Hub.Dialing;
using CallSync.Hub.Events;
using CallSync.Hub.Messaging;
using CallSync.Hub.Push;
using CallSync.Hub.Recordings;
using CallSync.Hub.Records;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using CallSync.Hub.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub;

/// <summary>The hub's composition root: services, hosted loops and HTTP routes, from validated options.</summary>
internal static class HubApplication
{
    public const long MaxRequestBodyBytes = 1024 * 1024;
    private const string BootstrapAdminId = "admin";

    /// <summary>Builds the hub; prepares its data directory and secrets first (<see cref="HubDataDirectory"/>).</summary>
    /// <exception cref="IOException">The data directory or a secret cannot be written or read.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission for the data directory.</exception>
    /// <exception cref="InvalidDataException">A stored secret is damaged.</exception>
    public static WebApplication Build(HubOptions options, TimeProvider timeProvider, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secrets = HubDataDirectory.Prepare(options);
        HubDatabase.PrepareFile(options.Storage);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Http.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Nothing the API takes is large; everything bigger is refused before it is read.
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        if (options.Http.Certificate is not null)
        {
            // The slim builder leaves HTTPS out unless asked; the certificate was checked when the options were read.
            builder.WebHost.UseKestrelHttpsConfiguration();
            var certificate = HttpKeys.LoadCertificate(options.Http);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        builder.Logging.ClearProviders();
        if (configureLogging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // no per-request lines
        }
        else
        {
            configureLogging(builder.Logging);
        }

        LoggingKeys.Apply(builder.Logging, options.LogLevels);
        builder.Logging.AddFloodLimit(options.LogFloodLimit);

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, HubJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, AppJsonContext.Default);
        });
        services.AddOpenApi();
        services.AddSingleton(timeProvider);
        services.AddSingleton(options);
        services.AddSingleton(secrets);
        services.AddSingleton(options.Mqtt);
        services.AddSingleton(options.Security);
        services.AddSingleton(options.Push);
        services.AddSingleton(options.Dial);
        services.AddSingleton(options.Storage);
        services.AddSingleton(new ProvisioningKeyProtector(secrets.KeyEncryptionKey, secrets.PreviousKeyEncryptionKey));
        services.AddSingleton<HubDatabase>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<BindingStore>();
        services.AddSingleton<CallRecordStore>();
        services.AddSingleton<PushLedger>();
        services.AddSingleton<DialStore>();
        services.AddSingleton<BrokerCredentialStore>();
        services.AddSingleton<EnrollmentCodeStore>();
        services.AddSingleton(sp => new AccessTokenService(secrets.TokenSecret, options.Security.TokenLifetime, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<LogThrottle>();
        services.AddSingleton<SignInLimiter>();
        services.AddSingleton<RefusalCounter>();
        services.AddSingleton<BrokerAuthenticator>();
        services.AddSingleton<MosquittoConfig>();
        services.AddSingleton<AppBrokerAccess>();
        services.AddSingleton<EnrollmentService>();
        services.AddSingleton<EmbeddedBrokerHost>();
        services.AddSingleton<HubMqttClient>();
        services.AddSingleton<IHubBroker>(sp => options.Mqtt.Embedded ? sp.GetRequiredService<EmbeddedBrokerHost>() : sp.GetRequiredService<HubMqttClient>());
        services.AddSingleton<PushService>();
        services.AddSingleton<DialService>();
        services.AddSingleton<BindingService>();
        services.AddSingleton<DeviceStateTracker>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<DeviceMessageRouter>();
        services.AddSingleton<DigestScheduler>();
        services.AddSingleton<MqttIngress>();
        AddAppServices(services, options);

        // Start order matters: the ingest pipeline before anything that feeds it (the embedded broker or the client);
        // stop runs in reverse, so the brokers' paths stop before the pipeline.
        services.AddHostedService(sp => sp.GetRequiredService<IngestPipeline>());
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBrokerHost>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngress>());
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        services.AddHostedService(sp => sp.GetRequiredService<EventFanout>());
        services.AddHostedService(sp => sp.GetRequiredService<RecordingRetention>());

        var app = builder.Build();
        MapRoutes(app);
        return app;
    }

    /// <summary>
    /// Applies migrations, registers this instance's broker identity, creates the bootstrap admin (configured, or
    /// <c>admin</c> with a generated one-time password when there is no admin at all) and refreshes mosquitto's files;
    /// call before <c>StartAsync</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A device is registered under the hub's MQTT user name, or stored provisioning keys cannot be opened with the
    /// configured key-encryption key (the database was moved without its key).
    /// </exception>
    public static async Task<HubStartup> InitializeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken).ConfigureAwait(false);
        var options = services.GetRequiredService<HubOptions>();
        var secrets = services.GetRequiredService<HubSecrets>();
        var logger = services.GetRequiredService<ILogger<HubDatabase>>();
        Log.DataDirectory(logger, secrets.DataDir, secrets.Generated.Count == 0 ? "nothing" : string.Join(", ", secrets.Generated));
        var (sealedNow, unreadable) = await services.GetRequiredService<DeviceStore>().SealStoredKeysAsync(cancellationToken).ConfigureAwait(false);
        if (unreadable > 0)
        {
            throw new InvalidOperationException(
                $"{unreadable} stored provisioning key(s) cannot be opened with the key-encryption key from {secrets.KeyEncryptionKeySource}: " +
                "restore the key this database was sealed with (Security:KeyEncryptionKey or the data directory's key-encryption-key), " +
                "or give the old one as Security:PreviousKeyEncryptionKey; see docs/security.md");
        }

        if (sealedNow > 0)
        {
            Log.ProvisioningKeysSealed(logger, sealedNow, secrets.KeyEncryptionKeySource);
        }

        var identity = new BrokerCredentialRecord(options.Mqtt.Username, BrokerIdentityKind.Hub, MosquittoPasswordHash.Hash(secrets.BrokerPassword), null);
        if (await services.GetRequiredService<DeviceStore>().GetAsync(options.Mqtt.Username, cancellationToken).ConfigureAwait(false) is not null
            || !await services.GetRequiredService<BrokerCredentialStore>().UpsertAsync(identity, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Mqtt:Username '{options.Mqtt.Username}' is already a device's broker identity; choose another");
        }

        var startup = await BootstrapAdminAsync(services, options, logger, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<MosquittoConfig>().RefreshAsync(cancellationToken).ConfigureAwait(false);
        return startup;
    }

    /// <summary>The first address Kestrel actually bound (resolves port 0).</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    private static async Task<HubStartup> BootstrapAdminAsync(IServiceProvider services, HubOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserStore>();
        var adminId = options.Admin.User;
        var password = options.Admin.Password;
        string? generated = null;
        if (adminId is null)
        {
            if (await users.HasAdminAsync(cancellationToken).ConfigureAwait(false))
            {
                return new HubStartup(null, null);
            }

            adminId = BootstrapAdminId;
            password = generated = HubDataDirectory.NewSecret()[..20];
        }

        var created = await users.CreateAsync(
            new UserRecord(adminId, PasswordHasher.Hash(password!, options.Security.PasswordIterations), UserRole.Admin, [], PushPolicy.Off, new TimeOnly(18, 0), "UTC"),
            cancellationToken).ConfigureAwait(false);
        if (!created)
        {
            return new HubStartup(null, null);
        }

        Log.AdminBootstrapped(logger, adminId);
        return new HubStartup(adminId, generated);
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithName("Health").WithTags("health");
        var tokens = app.Services.GetRequiredService<TokenAuthenticator>();
        var api = app.MapGroup("/api/v1").AddEndpointFilter(new DeviceIdFilter());
        var user = api.MapGroup(string.Empty).AddEndpointFilter(new AuthFilter(tokens, requireAdmin: false));
        var admin = api.MapGroup("/admin").AddEndpointFilter(new AuthFilter(tokens, requireAdmin: true));
        AuthEndpoints.Map(api, user);
        EnrollEndpoints.Map(api);
        BindingEndpoints.Map(user);
        RecordEndpoints.Map(user);
        DialEndpoints.Map(user);
        AdminEndpoints.Map(admin);
        EventEndpoints.Map(user);
        RecordingEndpoints.Map(api, user);
        RecordExportEndpoints.Map(user);
        DirectoryEndpoints.Map(user, admin);
        WebAppHosting.Use(app, app.Services.GetRequiredService<HubOptions>().Web, app.Services.GetRequiredService<ILogger<WebOptions>>());
    }

    /// <summary>What the web app's routes need: the event log and its fan-out, recordings, the screens' lists.</summary>
    private static void AddAppServices(IServiceCollection services, HubOptions options)
    {
        services.AddSingleton(options.Recordings.Resolve(options.Storage.DataDir));
        services.AddSingleton(options.Web);
        services.AddSingleton<EventStore>();
        services.AddSingleton<EventFanout>();
        services.AddSingleton<EventBus>();
        services.AddSingleton<RecordingStore>();
        services.AddSingleton<RecordingService>();
        services.AddSingleton<PlaybackTickets>();
        services.AddSingleton<RecordingRetention>();
        services.AddSingleton<DirectoryQueries>();
        services.AddSingleton<StatsQueries>();
    }
}

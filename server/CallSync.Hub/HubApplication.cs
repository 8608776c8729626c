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
    public static WebApplication Build(HubOptions options, TimeProvider timeProvider, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Http.Urls);
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
        services.AddSingleton(options.Mqtt);
        services.AddSingleton(options.Security);
        services.AddSingleton(options.Push);
        services.AddSingleton(options.Dial);
        services.AddSingleton(options.Storage);
        services.AddSingleton<HubDatabase>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<BindingStore>();
        services.AddSingleton<CallRecordStore>();
        services.AddSingleton<PushLedger>();
        services.AddSingleton<DialStore>();
        services.AddSingleton<AccessTokenService>();
        services.AddSingleton<HubMqttClient>();
        services.AddSingleton<PushService>();
        services.AddSingleton<DialService>();
        services.AddSingleton<BindingService>();
        services.AddSingleton<DeviceStateTracker>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<DigestScheduler>();
        services.AddSingleton<MqttIngress>();
        AddAppServices(services, options);

        // Start order matters: the broker before the client; stop runs in reverse, so ingress stops first.
        services.AddHostedService<EmbeddedBrokerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestPipeline>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngress>());
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        services.AddHostedService(sp => sp.GetRequiredService<EventFanout>());
        services.AddHostedService(sp => sp.GetRequiredService<RecordingRetention>());

        var app = builder.Build();
        MapRoutes(app);
        return app;
    }

    /// <summary>Applies migrations and creates the bootstrap admin; call before <c>StartAsync</c>.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken).ConfigureAwait(false);
        var options = services.GetRequiredService<HubOptions>();
        if (options.Admin.User is { } adminId && options.Admin.Password is { } password)
        {
            var users = services.GetRequiredService<UserStore>();
            var created = await users.CreateAsync(
                new UserRecord(adminId, PasswordHasher.Hash(password, options.Security.PasswordIterations), UserRole.Admin, [], PushPolicy.Off, new TimeOnly(18, 0), "UTC"),
                cancellationToken).ConfigureAwait(false);
            if (created)
            {
                var logger = services.GetRequiredService<ILogger<HubDatabase>>();
                Log.AdminBootstrapped(logger, adminId);
            }
        }
    }

    /// <summary>The first address Kestrel actually bound (resolves port 0).</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithName("Health").WithTags("health");
        var tokens = app.Services.GetRequiredService<AccessTokenService>();
        var api = app.MapGroup("/api/v1");
        var user = api.MapGroup(string.Empty).AddEndpointFilter(new AuthFilter(tokens, requireAdmin: false));
        var admin = api.MapGroup("/admin").AddEndpointFilter(new AuthFilter(tokens, requireAdmin: true));
        AuthEndpoints.Map(api, user);
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
        services.AddSingleton(options.Recordings);
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

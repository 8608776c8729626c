using CallSync.Web.Api;
using CallSync.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CallSync.Web;

/// <summary>The app's services: one HttpClient (bearer token added, 401 ends the session), a typed client per API area, the session and the live stream.</summary>
public static class AppServices
{
    public static void Add(IServiceCollection services, Uri hub, HttpMessageHandler network)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Session>();
        services.AddSingleton(sp => new HttpClient(new BearerHandler(sp.GetRequiredService<Session>()) { InnerHandler = network }) { BaseAddress = hub });
        services.AddSingleton<AuthApi>();
        services.AddSingleton<PhonesApi>();
        services.AddSingleton<RecordsApi>();
        services.AddSingleton<AdminApi>();
        services.AddSingleton<LiveEvents>();
    }
}

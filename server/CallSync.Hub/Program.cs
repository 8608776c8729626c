using CallSync.Hub.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub;

/// <summary>
/// <c>callsync-hub [--config FILE] [--Section:Key=value ...]</c>. Exit codes: 0 after a clean stop, 2 for invalid
/// configuration (one line on stderr naming the key, the value and what was expected), 1 when start-up fails.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!HubConfigurationLoader.TryLoad(args, out var configuration, out var error)
            || !HubOptionsReader.TryRead(configuration, out var options, out error))
        {
            await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            return 2;
        }

        await using var app = HubApplication.Build(options, TimeProvider.System);
        try
        {
            await HubApplication.InitializeAsync(app, CancellationToken.None).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex)
        {
            await Console.Error.WriteLineAsync("storage unavailable: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        await app.StartAsync().ConfigureAwait(false);
        var logger = app.Services.GetRequiredService<ILogger<HubOptions>>();
        var urls = string.Join(' ', app.Urls);
        var provider = options.Storage.Provider.ToString();
        Log.HubStarted(logger, urls, provider);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}

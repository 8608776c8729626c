using CallSync.Hub.Configuration;
using CallSync.Hub.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub;

/// <summary>
/// <c>callsync-hub [--config FILE] [--Section:Key=value ...]</c> runs the hub; with no configuration at all it keeps
/// everything in <c>./callsync-hub-data</c> and prints a generated admin password once.
/// <c>callsync-hub mosquitto-config --out DIR [...]</c> writes mosquitto's password file, ACL file and settings for the
/// registered identities and exits. Exit codes: 0 after a clean stop, 2 for invalid configuration or usage (one line
/// on stderr naming the key, the value and what was expected), 1 when start-up fails.
/// </summary>
internal static class Program
{
    private const string MosquittoVerb = "mosquitto-config";

    private static async Task<int> Main(string[] args)
    {
        string? mosquittoDir = null;
        if (args is [MosquittoVerb, ..])
        {
            var rest = args.Skip(1).ToList();
            var at = rest.IndexOf("--out");
            if (at < 0 || at + 1 >= rest.Count)
            {
                await Console.Error.WriteLineAsync("usage: callsync-hub mosquitto-config --out DIR [--config FILE] [--Section:Key=value ...]").ConfigureAwait(false);
                return 2;
            }

            mosquittoDir = rest[at + 1];
            rest.RemoveRange(at, 2);
            args = [.. rest];
        }

        if (!HubConfigurationLoader.TryLoad(args, out var configuration, out var error)
            || !HubOptionsReader.TryRead(configuration, out var options, out error))
        {
            await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            return 2;
        }

        WebApplication app;
        try
        {
            app = HubApplication.Build(options, TimeProvider.System);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"data directory {options.Storage.DataDir}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (app)
        {
            HubStartup startup;
            try
            {
                startup = await HubApplication.InitializeAsync(app, CancellationToken.None).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException ex)
            {
                await Console.Error.WriteLineAsync("storage unavailable: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 1;
            }

            if (startup.BootstrapPassword is { } password)
            {
                // Printed once, never logged or stored in clear: the admin changes it with PUT /api/v1/me/password.
                await Console.Out.WriteLineAsync(
                    $"Bootstrap admin '{startup.BootstrapAdmin}' created. One-time password (shown only now): {password}").ConfigureAwait(false);
            }

            if (mosquittoDir is not null)
            {
                await app.Services.GetRequiredService<MosquittoConfig>().WriteAsync(mosquittoDir, CancellationToken.None).ConfigureAwait(false);
                await Console.Out.WriteLineAsync("wrote " + Path.GetFullPath(mosquittoDir)).ConfigureAwait(false);
                return 0;
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
}

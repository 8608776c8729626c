using System.Net.Sockets;
using CallSync.Configuration;
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
/// registered identities and exits. <c>callsync-hub --check-config FILE</c>, <c>callsync-hub --print-config-reference</c>.
/// Exit codes: 0 after a clean stop (or a valid checked file), 2 for invalid configuration or usage or an address that
/// cannot be bound (one line on stderr naming the key, the value and what was expected), 1 when start-up fails
/// otherwise (the database is unreachable, the data directory cannot be used).
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
                return ConfigCheck.ExitInvalid;
            }

            mosquittoDir = rest[at + 1];
            rest.RemoveRange(at, 2);
            args = [.. rest];
        }

        if (!ConfigCommand.TryParse(args, out var command, out var error))
        {
            await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            return ConfigCheck.ExitInvalid;
        }

        switch (command.Kind)
        {
            case ConfigCommandKind.Help:
                await Console.Out.WriteLineAsync(
                    "usage: callsync-hub [--config FILE] [--Section:Key=value ...]\n" +
                    "       callsync-hub mosquitto-config --out DIR [--config FILE] [--Section:Key=value ...]   mosquitto's password, ACL and settings files\n" +
                    "       callsync-hub --check-config FILE [--Section:Key=value ...]   validate, start nothing: exit 0, or 2 listing every problem\n" +
                    "       callsync-hub --print-config-reference                       every key, as the Markdown table in docs/hub-configuration.md\n" +
                    $"  every key can also be set as {HubConfigurationLoader.EnvironmentPrefix}Section__Key in the environment.").ConfigureAwait(false);
                return 0;
            case ConfigCommandKind.PrintReference:
                await Console.Out.WriteAsync(ConfigReference.Write(HubOptionsReader.Schema)).ConfigureAwait(false);
                return 0;
        }

        if (!HubConfigurationLoader.TryLoad(command, out var configuration, out error))
        {
            await (command.Kind == ConfigCommandKind.Check ? Console.Out : Console.Error).WriteLineAsync(error).ConfigureAwait(false);
            return ConfigCheck.ExitInvalid;
        }

        var options = HubOptionsReader.TryRead(configuration, out var report);
        if (command.Kind == ConfigCommandKind.Check)
        {
            return ConfigCheck.Write(Console.Out, Path.GetFullPath(command.File!), report);
        }

        if (options is null)
        {
            await Console.Error.WriteLineAsync(report.Summary(HubOptionsReader.CheckCommand)).ConfigureAwait(false);
            return ConfigCheck.ExitInvalid;
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
            return await RunAsync(app, options, report, mosquittoDir).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(WebApplication app, HubOptions options, ConfigReport report, string? mosquittoDir)
    {
        var logger = app.Services.GetRequiredService<ILogger<HubOptions>>();
        foreach (var warning in report.Warnings)
        {
            Log.UnknownConfigurationKey(logger, warning.ShownKey, warning.Hint);
        }

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

        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // An address in use or not on this machine (Http:Urls, Mqtt:EmbeddedAddress/EmbeddedPort): one line, not a crash.
            await Console.Error.WriteLineAsync($"cannot listen: {ex.Message.TrimEnd('.')} (check Http:Urls and the Mqtt:Embedded* keys)").ConfigureAwait(false);
            return ConfigCheck.ExitInvalid;
        }

        var urls = string.Join(' ', app.Urls);
        var provider = options.Storage.Provider.ToString();
        Log.HubStarted(logger, urls, provider);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}

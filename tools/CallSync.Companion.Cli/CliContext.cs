using System.Net.Sockets;
using CallSync.Companion.Client;
using CallSync.Companion.Protocol;
using CallSync.Companion.Security;
using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Companion.Cli;

/// <summary>Shared plumbing of the commands: connecting, loading state, mapping failures to exit codes.</summary>
internal static class CliContext
{
    public static string DefaultStateDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".callsync-companion");

    public static async Task<CompanionClient?> ConnectAsync(ConnectTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await target.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or BluetoothUnavailableException)
        {
            await Console.Error.WriteLineAsync($"error: cannot connect to {target}: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    public static CompanionCredentials? LoadState(string stateDirectory)
    {
        var credentials = CompanionCredentials.Load(stateDirectory);
        if (credentials is null)
        {
            Console.Error.WriteLine($"error: no pairing in {stateDirectory}; run 'callsync-companion pair' first");
        }

        return credentials;
    }

    /// <summary>Runs a command body and turns protocol and link failures into messages and exit codes.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CompanionProtocolException ex) when (ex.FromPeer)
        {
            await Console.Error.WriteLineAsync($"refused by the desk phone ({ex.Code}): {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (CompanionProtocolException ex)
        {
            await Console.Error.WriteLineAsync($"error: protocol violation by the desk phone ({ex.Code}): {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or SocketException or EndOfStreamException)
        {
            await Console.Error.WriteLineAsync($"error: connection to the desk phone lost: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConnectionFailed;
        }
        catch (BluetoothUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConnectionFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}

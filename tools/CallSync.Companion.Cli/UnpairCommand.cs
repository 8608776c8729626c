using CallSync.Companion.Security;

namespace CallSync.Companion.Cli;

/// <summary><c>unpair</c>: tell the desk phone to forget this companion, then delete the local state.</summary>
internal static class UnpairCommand
{
    public static async Task<int> RunAsync(ConnectTarget target, string stateDirectory, CancellationToken cancellationToken)
    {
        var credentials = CliContext.LoadState(stateDirectory);
        if (credentials is null)
        {
            return ExitCodes.Failed;
        }

        await using var client = await CliContext.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return ExitCodes.ConnectionFailed;
        }

        await client.AuthenticateAsync(credentials, null, cancellationToken).ConfigureAwait(false);
        string reason = await client.UnpairAsync(cancellationToken).ConfigureAwait(false);
        CompanionCredentials.Delete(stateDirectory);
        Console.WriteLine($"Unpaired ({reason}); state removed from {stateDirectory}.");
        return ExitCodes.Ok;
    }
}

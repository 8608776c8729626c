using CallSync.Companion.Messages;

namespace CallSync.Companion.Cli;

/// <summary><c>pair --connect TARGET --user USERID [--name NAME] [--yes]</c>.</summary>
internal static class PairCommand
{
    public static async Task<int> RunAsync(ConnectTarget target, string stateDirectory, string user, string name, bool yes, CancellationToken cancellationToken)
    {
        await using var client = await CliContext.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return ExitCodes.ConnectionFailed;
        }

        Console.WriteLine($"Connected to desk phone {client.DeviceId} ({client.DeviceNumber}), protocol v{client.Version}.");
        var result = await client.PairAsync(user, name, (code, _) =>
        {
            Console.WriteLine($"Pairing code: {code}");
            Console.WriteLine("Confirm the same code on the desk phone with '#' ('*' rejects).");
            if (yes)
            {
                return ValueTask.FromResult(true);
            }

            Console.Write($"Does the desk phone show {code}? [y/N] ");
            string? answer = Console.ReadLine();
            return ValueTask.FromResult(answer is not null && answer.Trim().StartsWith('y'));
        }, cancellationToken).ConfigureAwait(false);

        if (result.Status != PairingStatus.Paired)
        {
            await Console.Error.WriteLineAsync($"pairing refused: {result.Reason}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        result.Credentials!.Save(stateDirectory);
        Console.WriteLine($"Paired: companion id {result.Credentials.CompanionId}, state saved in {stateDirectory}.");
        Console.WriteLine(result.AttestationVerified
            ? "Binding attestation signature verified with the device key."
            : "warning: the binding attestation did not verify.");
        return result.AttestationVerified ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

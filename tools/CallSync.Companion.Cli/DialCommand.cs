using CallSync.Companion.Messages;

namespace CallSync.Companion.Cli;

/// <summary><c>dial NUMBER [--follow]</c>: ask the desk phone to call, optionally print call events until it ends.</summary>
internal static class DialCommand
{
    public static async Task<int> RunAsync(ConnectTarget target, string stateDirectory, string number, bool follow, CancellationToken cancellationToken)
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
        var result = await client.DialAsync(number, cancellationToken).ConfigureAwait(false);
        if (result.Status != CompanionDialStatus.Started)
        {
            string sip = result.SipStatus > 0 ? $" (SIP {result.SipStatus})" : string.Empty;
            await Console.Error.WriteLineAsync($"dial {result.Status.ToString().ToLowerInvariant()}: {result.Reason}{sip}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        Console.WriteLine($"Calling {number}: record {result.RecordId}");
        if (follow)
        {
            await foreach (var e in client.CallEvents.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (e.RecordId != result.RecordId)
                {
                    continue;
                }

                string at = DateTimeOffset.FromUnixTimeMilliseconds(e.AtUnixMs).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                Console.WriteLine($"{at} {e.Kind.ToString().ToLowerInvariant()} {e.Detail}".TrimEnd());
                if (e.Kind == CallEventKind.Ended)
                {
                    break;
                }
            }
        }

        return ExitCodes.Ok;
    }
}

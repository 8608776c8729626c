using System.CommandLine;
using CallSync.Flash.Bundles;
using CallSync.Flash.Flashing;

namespace CallSync.Flash.Commands;

/// <summary><c>flash BUNDLE --trust PUB --board ...</c>: verify, then flash every board in parallel through the health gate.</summary>
internal static class FlashCommand
{
    private const int MaxConfigBytes = 1 << 20;

    public static Command Create()
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "the signed release bundle (.tar)" };
        var trust = TrustOption.Create();
        var config = new Option<string?>("--config") { Description = "agent configuration to install as /etc/callsync/agent.json" };
        var dryRun = new Option<bool>("--dry-run") { Description = "verify the bundle and reach every board; change nothing" };
        var boards = new BoardOptions();
        var command = new Command("flash", "flash a release onto boards: copy, verify, switch, health gate, rollback on failure") { bundle, trust, config, dryRun };
        boards.AddTo(command, gate: true);
        command.SetAction((result, token) => RunAsync(result, bundle, trust, config, dryRun, boards, token));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, Argument<string> bundle, Option<string[]> trust, Option<string?> config,
        Option<bool> dryRun, BoardOptions options, CancellationToken cancellationToken)
    {
        if (options.ReadBoards(result, "flash") is not { } addresses || options.ReadGate(result, "flash") is not { } gate
            || TrustOption.Load(result, trust, "flash") is not { } keys)
        {
            return FlashExit.Usage;
        }

        byte[]? agentConfig = null;
        if (result.GetValue(config) is { } configPath)
        {
            try
            {
                if (new FileInfo(configPath).Length > MaxConfigBytes)
                {
                    await Console.Error.WriteLineAsync($"callsync-flash flash: {configPath} is larger than {MaxConfigBytes} bytes").ConfigureAwait(false);
                    return FlashExit.Usage;
                }

                agentConfig = await File.ReadAllBytesAsync(configPath, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"callsync-flash flash: cannot read {configPath}: {ex.Message}").ConfigureAwait(false);
                return FlashExit.Usage;
            }
        }

        using var run = new RunDirectory();
        var payload = Path.Combine(run.Path, "payload");
        var bundlePath = result.GetValue(bundle)!;

        // Before anything reaches a board: signature, manifest, every hash.
        if (!BundleReader.TryVerify(bundlePath, keys, payload, out var check, out var reason))
        {
            await Console.Error.WriteLineAsync($"{bundlePath}: REFUSED: {reason}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("nothing was copied to any board").ConfigureAwait(false);
            return FlashExit.Refused;
        }

        var manifest = check!.Manifest;
        Console.WriteLine($"{bundlePath}: {manifest.Version} ({manifest.Commit}) for {manifest.Board}/{manifest.Rid}, signed by {check.Signer}");
        var plan = new FlashPlan(manifest, payload, agentConfig, gate, result.GetValue(dryRun));
        return await options.RunAsync(result, addresses, run.Path, (flasher, board, token) => flasher.FlashAsync(board, plan, token), cancellationToken)
            .ConfigureAwait(false);
    }
}

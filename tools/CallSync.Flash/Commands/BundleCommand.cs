using System.CommandLine;
using CallSync.Flash.Bundles;

namespace CallSync.Flash.Commands;

/// <summary><c>bundle --from STAGE ...</c>: a signed release bundle from a staging directory.</summary>
internal static class BundleCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "staging directory mirroring payload/ (bin/..., callsync-agent.service, VERSION)", Required = true };
        var board = new Option<string>("--board") { Description = "board profile, e.g. generic-arm64", Required = true };
        var rid = new Option<string>("--rid") { Description = "runtime identifier, e.g. linux-arm64", Required = true };
        var version = new Option<string>("--version") { Description = "release version (semver or git describe)", Required = true };
        var commit = new Option<string>("--commit") { Description = "full git commit of the release", Required = true };
        var key = new Option<string>("--key") { Description = "the release private key (PKCS#8 PEM, 0600)", Required = true };
        var output = new Option<string>("--out") { Description = "the bundle to write, e.g. callsync-1.2.0-generic-arm64.tar", Required = true };
        var command = new Command("bundle", "make a signed release bundle") { from, board, rid, version, commit, key, output };
        command.SetAction(result =>
        {
            var identity = new BundleIdentity(result.GetValue(version)!, result.GetValue(commit)!, result.GetValue(board)!, result.GetValue(rid)!);
            if (!BundleWriter.TryWrite(result.GetValue(from)!, identity, result.GetValue(key)!, result.GetValue(output)!, TimeProvider.System,
                    out var manifest, out var reason))
            {
                Console.Error.WriteLine($"callsync-flash bundle: {reason}");
                return FlashExit.Usage;
            }

            Console.WriteLine($"{result.GetValue(output)}: {manifest!.Version} ({manifest.Commit}) for {manifest.Board}/{manifest.Rid}, "
                + $"{manifest.Files.Count} files, {manifest.Files.Sum(f => f.Size)} bytes, signed");
            return FlashExit.Ok;
        });
        return command;
    }
}

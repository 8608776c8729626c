using System.CommandLine;
using CallSync.Flash.Bundles;

namespace CallSync.Flash.Commands;

/// <summary><c>verify --trust PUB FILE</c>: signature and every hash.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var trust = TrustOption.Create();
        var bundle = new Argument<string>("BUNDLE") { Description = "the release bundle (.tar)" };
        var command = new Command("verify", "check a bundle's signature and every file's SHA-256") { trust, bundle };
        command.SetAction(result =>
        {
            if (TrustOption.Load(result, trust, "verify") is not { } keys)
            {
                return FlashExit.Usage;
            }

            var path = result.GetValue(bundle)!;
            if (!BundleReader.TryVerify(path, keys, extractTo: null, out var check, out var reason))
            {
                Console.Error.WriteLine($"{path}: REFUSED: {reason}");
                return FlashExit.Refused;
            }

            var m = check!.Manifest;
            Console.WriteLine($"{path}: OK: {m.Version} ({m.Commit}) for {m.Board}/{m.Rid}, created {m.Created}, {m.Files.Count} files, signed by {check.Signer}");
            return FlashExit.Ok;
        });
        return command;
    }
}

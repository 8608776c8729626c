using System.CommandLine;
using CallSync.Flash.Bundles;

namespace CallSync.Flash.Commands;

/// <summary><c>keygen --out DIR</c>: a new release key pair.</summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "directory for release-key.pem (0600) and release-key.pub.pem", Required = true };
        var command = new Command("keygen", "generate a release signing key pair (ECDSA P-256)") { output };
        command.SetAction(result =>
        {
            try
            {
                var (privatePath, publicPath) = ReleaseKeys.Generate(result.GetValue(output)!);
                Console.WriteLine($"private key: {privatePath} (0600; keep it off the repository and off shared disks)");
                Console.WriteLine($"public key:  {publicPath} (give it to boards and technicians: --trust, /etc/callsync/release-keys/)");
                return FlashExit.Ok;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"callsync-flash keygen: {ex.Message}");
                return FlashExit.Usage;
            }
        });
        return command;
    }
}

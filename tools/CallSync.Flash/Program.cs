using System.CommandLine;
using CallSync.Flash.Commands;

namespace CallSync.Flash;

/// <summary>
/// <c>callsync-flash</c>: signs release bundles and flashes them onto boards over ssh, with a health gate and rollback
/// (docs/flashing.md). Exit codes: see <see cref="FlashExit"/>.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("callsync-flash: signed CallSync release bundles and flashing them onto boards")
        {
            KeygenCommand.Create(),
            BundleCommand.Create(),
            VerifyCommand.Create(),
            FlashCommand.Create(),
            StatusCommand.Create(),
            RollbackCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            return FlashExit.Usage;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }
}

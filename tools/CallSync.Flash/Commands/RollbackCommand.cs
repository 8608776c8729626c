using System.CommandLine;
using CallSync.Flash.Flashing;

namespace CallSync.Flash.Commands;

/// <summary><c>rollback --board ...</c>: switch to the other slot through the same health gate.</summary>
internal static class RollbackCommand
{
    public static Command Create()
    {
        var boards = new BoardOptions();
        var command = new Command("rollback", "switch each board to its other slot (the good one when the current is unmarked), through the health gate");
        boards.AddTo(command, gate: true);
        command.SetAction(async (result, token) =>
        {
            if (boards.ReadBoards(result, "rollback") is not { } addresses || boards.ReadGate(result, "rollback") is not { } gate)
            {
                return FlashExit.Usage;
            }

            using var run = new RunDirectory();
            var connected = boards.Connect(result, addresses, run.Path);
            using var display = new ProgressDisplay(Console.Out, !Console.IsOutputRedirected, TimeProvider.System, result.GetValue(boards.LogDirectory),
                connected.Select(b => b.Name));
            var flasher = new BoardFlasher(display, TimeProvider.System);
            var outcomes = await FlashRun.ForEachAsync(connected, result.GetValue(boards.Parallel), (b, t) => flasher.RollbackAsync(b, gate, t), token)
                .ConfigureAwait(false);
            SummaryTable.Write(Console.Out, outcomes);
            return FlashRun.ExitCode(outcomes);
        });
        return command;
    }
}

using System.CommandLine;

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
            return await boards.RunAsync(result, addresses, run.Path, (flasher, board, t) => flasher.RollbackAsync(board, gate, t), token)
                .ConfigureAwait(false);
        });
        return command;
    }
}

using System.CommandLine;
using CallSync.Flash.Boards;
using CallSync.Flash.Flashing;

namespace CallSync.Flash.Commands;

/// <summary><c>status --board ...</c>: version, slot, good or unmarked, healthy or not, per board.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var boards = new BoardOptions();
        var command = new Command("status", "what each board runs: version, slot, good or unmarked, healthy or not");
        boards.AddTo(command, gate: false);
        command.SetAction(async (result, token) =>
        {
            if (boards.ReadBoards(result, "status") is not { } addresses)
            {
                return FlashExit.Usage;
            }

            using var run = new RunDirectory();
            var connected = boards.Connect(result, addresses, run.Path);
            var rows = await FlashRun.ForEachAsync(connected, result.GetValue(boards.Parallel), BoardStatus.ReadAsync, token).ConfigureAwait(false);
            var width = Math.Max(5, rows.Max(r => r.Board.Length));
            Console.WriteLine($"{"BOARD".PadRight(width)}  {"VERSION",-20}  {"SLOT",-4}  {"MARK",-8}  HEALTH");
            foreach (var row in rows)
            {
                Console.WriteLine($"{row.Board.PadRight(width)}  {row.Version ?? "-",-20}  {row.Slot ?? "-",-4}  {row.Reason}");
            }

            return FlashRun.ExitCode(rows);
        });
        return command;
    }
}

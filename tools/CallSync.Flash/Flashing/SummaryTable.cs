namespace CallSync.Flash.Flashing;

/// <summary>The table printed when every board has finished.</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter output, IReadOnlyList<BoardOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outcomes);
        var width = Math.Max(5, outcomes.Max(o => o.Board.Length));
        output.WriteLine();
        output.WriteLine($"{"BOARD".PadRight(width)}  {"RESULT",-11}  {"SLOT",-4}  {"VERSION",-20}  {"TIME",6}  REASON");
        foreach (var o in outcomes)
        {
            output.WriteLine($"{o.Board.PadRight(width)}  {Label(o.Result),-11}  {o.Slot ?? "-",-4}  {o.Version ?? "-",-20}  {o.Elapsed.TotalSeconds,5:0}s  {o.Reason}");
        }

        var good = outcomes.Count(o => o.Succeeded);
        output.WriteLine($"{good} of {outcomes.Count} board(s) good");
    }

    public static string Label(FlashResult result) => result switch
    {
        FlashResult.Healthy => "healthy",
        FlashResult.DryRun => "dry-run",
        FlashResult.RolledBack => "ROLLED BACK",
        FlashResult.Unreachable => "UNREACHABLE",
        _ => "FAILED",
    };
}

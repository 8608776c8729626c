using System.Globalization;
using CallSync.Companion.Client;
using Spectre.Console;

namespace CallSync.Companion.Cli;

/// <summary>
/// What <c>listen</c> shows while recordings arrive: on a terminal a bar per recording (bytes, chunks, speed, time
/// left); redirected, a line when a recording starts or resumes, at each quarter, and when it ends. Over LE a 5-minute
/// recording takes up to a minute, so the user sees it move.
/// </summary>
internal static class ListenProgress
{
    /// <summary>Draws a bar per recording in <paramref name="context"/>.</summary>
    public static void ShowBars(RecordingFolder folder, ProgressContext context)
    {
        var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
        folder.Progress += (_, e) =>
        {
            if (!tasks.TryGetValue(e.RecordId, out var task))
            {
                task = context.AddTask(Markup.Escape(e.RecordId), maxValue: Math.Max(1, e.Size));
                tasks[e.RecordId] = task;
            }

            task.Value = e.Received;
            string chunks = Chunks(e);
            task.Description = Markup.Escape($"{e.RecordId} {chunks}") + (!e.Completed ? "" : e.Verified ? " [green]verified[/]" : " [red]hash mismatch[/]");
            if (e.Completed)
            {
                task.StopTask();
            }
        };
    }

    /// <summary>Writes progress lines to <paramref name="output"/>.</summary>
    public static void WriteLines(RecordingFolder folder, TextWriter output)
    {
        var quarters = new Dictionary<string, long>(StringComparer.Ordinal);
        folder.Progress += (_, e) =>
        {
            long quarter = e.Size == 0 ? 4 : e.Received * 4 / e.Size;
            if (e.Completed)
            {
                quarters.Remove(e.RecordId);
                output.WriteLine(Invariant($"{e.RecordId}: {e.Size} bytes, {Chunks(e)}, {(e.Verified ? "verified" : "hash mismatch, discarded")}"));
            }
            else if (e.Chunks == 0)
            {
                // The offer on this link: a new recording, or one a dropped link left part-way.
                quarters[e.RecordId] = quarter;
                output.WriteLine(e.ResumedFrom == 0
                    ? Invariant($"{e.RecordId}: receiving {e.Size} bytes")
                    : Invariant($"{e.RecordId}: resuming at {e.ResumedFrom} of {e.Size} bytes"));
            }
            else if (quarter > quarters.GetValueOrDefault(e.RecordId))
            {
                quarters[e.RecordId] = quarter;
                output.WriteLine(Invariant($"{e.RecordId}: {e.Received} of {e.Size} bytes ({e.Received * 100 / e.Size} %), {Chunks(e)}"));
            }
        };
    }

    private static string Chunks(RecordingProgressEventArgs e) => e.Chunks == 1 ? "1 chunk" : Invariant($"{e.Chunks} chunks");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using CallSync.Flash.Flashing;
using CallSync.Testing.Files;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Flash.Tests.Flashing;

public sealed class ProgressDisplayTests : IDisposable
{
    private readonly TempDirectory _dir = new("callsync-flash-progress-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Stage_NotATerminal_PrintsOnePlainLinePerChange()
    {
        using var output = new StringWriter();
        using (var display = new ProgressDisplay(output, redraw: false, _time, null, ["root@b1", "root@b2"]))
        {
            display.Stage("root@b1", FlashStage.Copy, "4 files into slot b");
            display.Stage("root@b2", FlashStage.Gate, "waiting");
        }

        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^root@b1 +copy +4 files into slot b$", lines[0]);
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public void Stage_Terminal_RedrawsEveryBoardsRowInPlace()
    {
        using var output = new StringWriter();
        using (var display = new ProgressDisplay(output, redraw: true, _time, null, ["root@b1", "root@b2"]))
        {
            display.Stage("root@b1", FlashStage.Copy, "");
            display.Stage("root@b1", FlashStage.Verify, "");
        }

        var text = output.ToString();

        // The second drawing moves the cursor up over the two rows of the first.
        Assert.Equal(1, text.Split("\u001b[2A").Length - 1);
        Assert.Equal(4, text.Split("\u001b[2K").Length - 1);
        Assert.Contains("waiting", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_WithLogDirectory_WritesOneTimestampedFilePerBoard()
    {
        var logs = _dir.File("logs");
        using (var display = new ProgressDisplay(TextWriter.Null, redraw: false, _time, logs, ["root@10.77.0.2"]))
        {
            display.Log("root@10.77.0.2", "health: healthy");
        }

        Assert.Equal("2026-12-04T23:00:00Z health: healthy", File.ReadAllText(ProgressDisplay.LogPath(logs, "root@10.77.0.2")).Trim());
        Assert.EndsWith("root_10.77.0.2.log", ProgressDisplay.LogPath(logs, "root@10.77.0.2"), StringComparison.Ordinal);
    }
}

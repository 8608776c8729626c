using System.Globalization;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Testing.Tests.Processes;

/// <summary>The process harness against real programs (sh, seq, sleep).</summary>
public sealed class ChildProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void WaitForLine_LineWritten_ReturnsItAndLaterWaitsContinueAfterIt()
    {
        using var child = ChildProcess.Start("sh", "-c", "echo one; echo two; echo one again; sleep 30");

        Assert.Equal("one", child.WaitForLine("one", Patience));
        Assert.Equal("one again", child.WaitForLine("one", Patience));
        Assert.True(child.HasWritten("two"));
    }

    [Fact]
    public void WaitForLine_NeverWritten_ThrowsWithNameStateAndTailOfOutput()
    {
        using var child = ChildProcess.Start("sh", "-c", "echo on stdout; echo on stderr >&2; sleep 30");
        Eventually.Until(() => child.HasWritten("on stdout") && child.HasWritten("on stderr"), Patience, "both lines"); // two pipes: either may come first

        var error = Assert.Throws<TimeoutException>(() => child.WaitForLine("never", TimeSpan.FromMilliseconds(300)));

        Assert.Contains("no line containing \"never\" from sh within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("running", error.Message, StringComparison.Ordinal);
        Assert.Contains("\non stdout", error.Message, StringComparison.Ordinal);
        Assert.Contains("\non stderr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitForLine_ProgramExitsFirst_ThrowsNamingTheExitCodeWithoutWaitingOut()
    {
        using var child = ChildProcess.Start("sh", "-c", "echo bye; exit 3");
        var started = DateTime.UtcNow;

        var error = Assert.Throws<InvalidOperationException>(() => child.WaitForLine("hello", TimeSpan.FromSeconds(30)));

        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("bye", error.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the wait should end with the program");
    }

    [Fact]
    public void WaitForExit_ProgramEnds_ReturnsItsExitCodeWithAllOutput()
    {
        using var child = ChildProcess.Start("sh", "-c", "seq 1 500; exit 7");

        Assert.Equal(7, child.WaitForExit(Patience));
        Assert.Equal(500, child.Log.Count);
        Assert.Equal("500", child.Log.Lines[^1]);
    }

    [Fact]
    public void WaitForExit_ProgramKeepsRunning_StopsItAndThrows()
    {
        using var child = ChildProcess.Start("sleep", "60");

        var error = Assert.Throws<TimeoutException>(() => child.WaitForExit(TimeSpan.FromMilliseconds(200)));

        Assert.Contains("sleep did not exit within 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.True(child.HasExited);
    }

    [Fact]
    public void Log_MoreLinesThanItsCapacity_KeepsTheNewestAndCountsAll()
    {
        using var child = ChildProcess.Start(new ChildProcessOptions("seq", "1", "10000") { OutputCapacity = 100 });
        child.WaitForExit(Patience);

        Assert.Equal(10_000, child.Log.Count);
        Assert.InRange(child.Log.Lines.Count, 75, 100);
        Assert.Equal("10000", child.Log.Lines[^1]);
        Assert.StartsWith("[", child.Log.Tail(10), StringComparison.Ordinal); // says how many lines came before
    }

    [Fact]
    public void Dispose_ProgramWithBackgroundChildren_StopsTheWholeGroup()
    {
        int[] children;
        using (var child = ChildProcess.Start("sh", "-c", "sleep 300 & echo $!; sleep 300 & echo $!; wait"))
        {
            var first = child.WaitForLine(line => line.Length > 0, "first pid", Patience);
            var second = child.WaitForLine(line => line.Length > 0, "second pid", Patience);
            children = [int.Parse(first, CultureInfo.InvariantCulture), int.Parse(second, CultureInfo.InvariantCulture)];
            Assert.All(children, pid => Assert.True(Directory.Exists("/proc/" + pid), $"sleep {pid} should run"));
        }

        // Reaped children disappear from /proc; an unreaped one would show as a zombie (state Z).
        Assert.All(children, pid => Assert.False(IsAlive(pid), $"sleep {pid} outlived its group"));
    }

    [Fact]
    public void Stop_ProgramIgnoringSigterm_KilledAfterTheGracePeriod()
    {
        using var child = ChildProcess.Start("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done");
        child.WaitForLine("ready", Patience);
        var started = DateTime.UtcNow;

        child.Stop(TimeSpan.FromMilliseconds(500));

        Assert.True(child.HasExited);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Terminate_DaemonHandlingSigterm_ExitsWithItsOwnCode()
    {
        using var child = ChildProcess.Start("sh", "-c", "trap 'echo stopping; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        child.WaitForLine("ready", Patience);

        child.Terminate();

        Assert.Equal(0, child.WaitForExit(Patience));
        Assert.True(child.HasWritten("stopping"));
    }

    [Fact]
    public void Start_ProgramMissing_ExitsNonZeroNamingIt()
    {
        using var child = ChildProcess.Start("callsync-no-such-program");

        // setsid itself starts; it reports the missing program and exits non-zero.
        Assert.NotEqual(0, child.WaitForExit(Patience));
        Assert.Contains("callsync-no-such-program", child.Output, StringComparison.Ordinal);
    }

    private static bool IsAlive(int pid)
    {
        var stat = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat";
        return File.Exists(stat) && !File.ReadAllText(stat).Split(')')[1].TrimStart().StartsWith('Z');
    }
}

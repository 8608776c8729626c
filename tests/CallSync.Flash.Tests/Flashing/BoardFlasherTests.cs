using CallSync.Flash.Boards;
using CallSync.Flash.Flashing;
using CallSync.Flash.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Flash.Tests.Flashing;

public sealed class BoardFlasherTests : IDisposable
{
    private static readonly GateOptions Gate = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));
    private readonly TestBundle _bundle = new("1.3.0");
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly string _payload;

    public BoardFlasherTests()
    {
        _payload = _bundle.Directory.File("payload");
        Assert.True(CallSync.Flash.Bundles.BundleReader.TryVerify(_bundle.Path, _bundle.Trusted(), _payload, out _, out var reason), reason);
    }

    public void Dispose() => _bundle.Dispose();

    [Fact]
    public async Task FlashAsync_HealthyAgent_InstallsIntoTheOtherSlotAndMarksItGoodAfterTheGate()
    {
        var board = RunningOldRelease("root@10.77.0.2");

        var outcome = await FlashAsync(board);

        Assert.Equal(FlashResult.Healthy, outcome.Result);
        Assert.Equal(("b", "b", "1.3.0"), (board.Current, board.Good, outcome.Version));
        Assert.Equal(["probe", "copy b", "verify b", "switch b trial", "health", "mark good b"], board.Operations);
        Assert.Null(board.Trial);
    }

    [Fact]
    public async Task FlashAsync_AgentNeverHealthy_RollsBackToTheGoodSlotAfterTheTimeoutAndSaysWhy()
    {
        var board = RunningOldRelease("root@10.77.0.2");
        board.HealthyIn = slot => slot == "a";
        var started = _time.GetUtcNow();

        var outcome = await FlashAsync(board);

        Assert.Equal(FlashResult.RolledBack, outcome.Result);
        Assert.Equal(("a", "a", "1.2.0"), (board.Current, board.Good, outcome.Version));
        Assert.Contains("not healthy within 30s: sip: not listening", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("Sip:Listen is not a valid endpoint", outcome.Reason, StringComparison.Ordinal);
        Assert.True(_time.GetUtcNow() - started >= Gate.Timeout);
        Assert.DoesNotContain("mark good b", board.Operations);
        Assert.Equal(["switch b trial", "switch a"], board.Operations.Where(o => o.StartsWith("switch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FlashAsync_PreviousSlotUnhealthyToo_FailsSayingBoth()
    {
        var board = RunningOldRelease("root@10.77.0.2");
        board.HealthyIn = _ => false;

        var outcome = await FlashAsync(board);

        Assert.Equal(FlashResult.Failed, outcome.Result);
        Assert.Contains("rolled back to slot a, which is not healthy either", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlashAsync_HashMismatchOnTheBoard_NeverSwitches()
    {
        var board = RunningOldRelease("root@10.77.0.2");
        board.VerifyMismatch = "hash mismatch on the board: bin/callsync-agent: FAILED";

        var outcome = await FlashAsync(board);

        Assert.Equal(FlashResult.Failed, outcome.Result);
        Assert.StartsWith("hash mismatch on the board: bin/callsync-agent: FAILED; not switched", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal("a", board.Current);
        Assert.DoesNotContain(board.Operations, o => o.StartsWith("switch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FlashAsync_Unreachable_ReportsItWithoutChangingAnything()
    {
        var board = RunningOldRelease("root@10.77.0.9");
        board.Unreachable = true;

        var outcome = await FlashAsync(board);

        Assert.Equal(FlashResult.Unreachable, outcome.Result);
        Assert.Contains("No route to host", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(FlashStage.Failed, _observer.Stages.Last().Stage);
    }

    [Fact]
    public async Task FlashAsync_DryRun_OnlyProbes()
    {
        var board = RunningOldRelease("root@10.77.0.2");

        var outcome = await FlashAsync(board, dryRun: true);

        Assert.Equal(FlashResult.DryRun, outcome.Result);
        Assert.Equal("would install 1.3.0 into slot b (now slot a, 1.2.0)", outcome.Reason);
        Assert.Equal(["probe"], board.Operations);
    }

    [Fact]
    public async Task FlashAsync_CurrentSlotUnmarked_NeverOverwritesTheGoodSlot()
    {
        // An interrupted flash left b current but unmarked; a is the way back and must survive the next flash.
        var board = RunningOldRelease("root@10.77.0.2");
        board.SlotVersions["b"] = "1.2.5";
        board.Current = "b";

        var outcome = await FlashAsync(board);

        Assert.Equal(FlashResult.Healthy, outcome.Result);
        Assert.Contains("copy b", board.Operations);
        Assert.Equal("1.2.0", board.SlotVersions["a"]);
    }

    [Fact]
    public async Task FlashAsync_NewBoard_InstallsIntoSlotAAndHasNoWayBackOnFailure()
    {
        var board = new FakeBoard("root@10.77.0.3") { HealthyIn = _ => false };

        var outcome = await FlashAsync(board);

        Assert.Equal(FlashResult.Failed, outcome.Result);
        Assert.EndsWith("no previous slot to go back to", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("copy a", board.Operations);
        Assert.Null(board.Good);
    }

    [Fact]
    public async Task ForEachAsync_TwoBoards_BothFlashedAndTheExitCodeSaysWhenOneFailed()
    {
        var first = RunningOldRelease("root@10.77.0.2");
        var second = RunningOldRelease("root@10.77.0.3");
        second.HealthyIn = slot => slot == "a";
        var flasher = new BoardFlasher(_observer, _time);
        var plan = Plan(dryRun: false);

        var outcomes = await FakeTime.RunAsync(_time, FlashRun.ForEachAsync([first, second], 2, (b, t) => flasher.FlashAsync(b, plan, t), CancellationToken.None));

        Assert.Equal([FlashResult.Healthy, FlashResult.RolledBack], outcomes.Select(o => o.Result));
        Assert.Equal(FlashExit.BoardFailed, FlashRun.ExitCode(outcomes));
        Assert.Equal(FlashExit.Ok, FlashRun.ExitCode([outcomes[0]]));
    }

    [Fact]
    public async Task RollbackAsync_CurrentIsGood_SwitchesToTheOtherSlotAndMarksItAfterTheGate()
    {
        var board = RunningOldRelease("root@10.77.0.2");
        board.SlotVersions["b"] = "1.1.0";
        var flasher = new BoardFlasher(_observer, _time);

        var outcome = await FakeTime.RunAsync(_time, flasher.RollbackAsync(board, Gate, CancellationToken.None));

        Assert.Equal(FlashResult.Healthy, outcome.Result);
        Assert.Equal(("b", "b", "1.1.0"), (board.Current, board.Good, outcome.Version));
    }

    [Fact]
    public async Task RollbackAsync_CurrentUnmarked_GoesBackToTheGoodSlot()
    {
        var board = RunningOldRelease("root@10.77.0.2");
        board.SlotVersions["b"] = "1.3.0";
        board.Current = "b";
        var flasher = new BoardFlasher(_observer, _time);

        var outcome = await FakeTime.RunAsync(_time, flasher.RollbackAsync(board, Gate, CancellationToken.None));

        Assert.Equal(FlashResult.Healthy, outcome.Result);
        Assert.Equal(("a", "a"), (board.Current, board.Good));
    }

    [Fact]
    public async Task WaitAsync_HealthyButFromTheOtherSlot_DoesNotPass()
    {
        // The boot-time check fell back to the good slot: the agent is healthy, but not the new release.
        var board = RunningOldRelease("root@10.77.0.2");

        var health = await FakeTime.RunAsync(_time, HealthGate.WaitAsync(board, "b", Gate, _time, _ => { }, CancellationToken.None));

        Assert.False(health.Healthy);
        Assert.EndsWith("the agent runs from slot a, not b (the board fell back)", health.Reason, StringComparison.Ordinal);
    }

    private FakeBoard RunningOldRelease(string name)
    {
        var board = new FakeBoard(name) { Current = "a", Good = "a" };
        board.SlotVersions["a"] = "1.2.0";
        return board;
    }

    private FlashPlan Plan(bool dryRun) => new(_bundle.Manifest, _payload, null, Gate, dryRun);

    private Task<BoardOutcome> FlashAsync(FakeBoard board, bool dryRun = false) =>
        FakeTime.RunAsync(_time, new BoardFlasher(_observer, _time).FlashAsync(board, Plan(dryRun), CancellationToken.None));
}

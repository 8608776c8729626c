using CallSync.Flash.Boards;
using CallSync.Flash.Bundles;
using CallSync.Flash.Flashing;
using CallSync.Flash.Tests.Support;

namespace CallSync.Flash.Tests.Emulated;

/// <summary>
/// callsync-flash against boards emulated on this machine (systemd in nspawn containers, sshd, the real unit file and
/// the real agent): parallel flashing, a refused bundle, automatic rollback, power lost mid-copy and mid-trial.
/// </summary>
[Collection(EmulatedBoardCollection.Name)]
public sealed class EmulatedBoardTests(BoardFleet fleet)
{
    // The agent answers healthy about 2 s after a restart here; a failing one is given this long before the rollback.
    private static readonly TimeSpan Gate = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Flash_TwoBoardsInParallel_BothHealthyOnTheNewVersionInTheOtherSlot()
    {
        await Task.WhenAll(fleet.Boards.Select(RunningVersion1Async));
        var before = fleet.Boards.Select(b => b.ReadLink("/opt/callsync/current")).ToList();

        var (exit, output) = await FlashAsync(fleet.Version2, fleet.Boards, expectedExit: 0);

        Assert.Contains("2 of 2 board(s) good", output, StringComparison.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            var board = fleet.Boards[i];
            var current = board.ReadLink("/opt/callsync/current");
            Assert.NotEqual(before[i], current);
            Assert.Equal(current, "/opt/callsync/slots/" + board.ReadLink("/opt/callsync/slots/good"));
        }

        var status = await StatusAsync(fleet.Boards);
        Assert.Equal(2, status.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"2\.0\.0 .* good +healthy")));
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Flash_BrokenSignature_RefusedBeforeAnythingReachesTheBoards()
    {
        var broken = fleet.Directory.File("broken-signature.tar");
        CorruptSignature(fleet.Version2, broken);
        var before = fleet.Boards.Select(Snapshot).ToList();

        var (exit, output) = await FlashAsync(broken, fleet.Boards, expectedExit: FlashExit.Refused);

        Assert.Contains("REFUSED: signature refused", output, StringComparison.Ordinal);
        Assert.Contains("nothing was copied to any board", output, StringComparison.Ordinal);
        Assert.Equal(before, fleet.Boards.Select(Snapshot).ToList());
        Assert.Equal(FlashExit.Refused, exit);
    }

    [Fact]
    public async Task Flash_ConfigFailsValidation_RolledBackAndThePreviousVersionRunsHealthy()
    {
        var board = fleet.Boards[0];
        await RunningVersion1Async(board);
        var good = board.ReadLink("/opt/callsync/current");

        var (_, output) = await FlashAsync(fleet.Version2, [board], expectedExit: FlashExit.BoardFailed, "--config", fleet.WriteConfig("broken.json", listen: "udp:nowhere"));

        Assert.Contains("ROLLED BACK", output, StringComparison.Ordinal);
        Assert.Contains("not healthy within 20s", output, StringComparison.Ordinal);
        Assert.Equal(good, board.ReadLink("/opt/callsync/current"));
        var status = await StatusAsync([board]);
        Assert.Matches(@"1\.0\.0 .* good +healthy", status);
    }

    [Fact]
    public async Task Flash_PowerLostDuringTheCopy_BoardComesBackOnTheOldSlot()
    {
        var board = fleet.Boards[1];
        await RunningVersion1Async(board);
        var old = board.ReadLink("/opt/callsync/current");
        var target = "/opt/callsync/slots/" + SlotState.Other(old![^1..]);

        // Cut the power as soon as the first payload file lands in the new slot (watched from the host).
        var copyDoneBeforeTheCut = true;
        var outcome = await FlashInProcessAsync(board, fleet.Version2Large, onCopyStarted: async copy =>
        {
            while (board.FilesUnder(target).Count == 0 && !copy.IsCompleted)
            {
                await Task.Delay(5);
            }

            copyDoneBeforeTheCut = copy.IsCompleted;
            board.PowerCut();
        });

        Assert.False(copyDoneBeforeTheCut, "the copy ended before the power cut: nothing was proven");
        Assert.Equal(FlashResult.Unreachable, outcome.Result);
        await board.PowerOnAsync();
        Assert.Equal(old, board.ReadLink("/opt/callsync/current"));
        var status = await StatusAsync([board]);
        Assert.Matches(@"1\.0\.0 .* good +healthy", status);
    }

    [Fact]
    public async Task Flash_PowerLostAfterTheSwitchBeforeTheGate_BootFallsBackToTheGoodSlot()
    {
        var board = fleet.Boards[1];
        await RunningVersion1Async(board);
        var old = board.ReadLink("/opt/callsync/current");

        var outcome = await FlashInProcessAsync(board, fleet.Version2, onSwitched: () =>
        {
            board.PowerCut();
            return Task.CompletedTask;
        });

        Assert.NotEqual(FlashResult.Healthy, outcome.Result);
        Assert.NotEqual(old, board.ReadLink("/opt/callsync/current"));
        await board.PowerOnAsync();
        var status = await StatusAsync([board]);
        Assert.Equal(old, board.ReadLink("/opt/callsync/current"));
        Assert.Matches(@"1\.0\.0 .* good +healthy", status);
    }

    /// <summary>Flashes 1.0.0 onto the board unless it already runs it from its good slot (each flash costs ~20 s here).</summary>
    private async Task RunningVersion1Async(EmulatedBoard board)
    {
        var current = board.ReadLink("/opt/callsync/current");
        if (current is null || current != "/opt/callsync/slots/" + board.ReadLink("/opt/callsync/slots/good") || board.ReadText(current + "/VERSION") != "1.0.0")
        {
            await FlashAsync(fleet.Version1, [board], expectedExit: 0);
        }
    }

    private async Task<(int Exit, string Output)> FlashAsync(string bundle, IEnumerable<EmulatedBoard> boards, int expectedExit, params string[] extra)
    {
        var arguments = new List<string> { "flash", bundle, "--trust", fleet.TrustKey, "--identity", fleet.SshKey, "--gate-timeout", $"{Gate.TotalSeconds:0}s" };
        if (!extra.Contains("--config"))
        {
            arguments.AddRange(["--config", fleet.WriteConfig("good.json")]);
        }

        arguments.AddRange(extra);
        foreach (var board in boards)
        {
            arguments.AddRange(["--board", board.SshAddress.ToString()]);
        }

        var (exit, output) = await FlashCli.RunAsync([.. arguments]);
        Assert.True(exit == expectedExit, $"exit {exit}, expected {expectedExit}: {output}");
        return (exit, output);
    }

    private async Task<string> StatusAsync(IEnumerable<EmulatedBoard> boards)
    {
        // Right after a boot the agent may still be starting: ask until it answers healthy or 60 s pass.
        var arguments = new List<string> { "status", "--identity", fleet.SshKey };
        foreach (var board in boards)
        {
            arguments.AddRange(["--board", board.SshAddress.ToString()]);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var (exit, output) = await FlashCli.RunAsync([.. arguments]);
            if (exit == 0 || DateTime.UtcNow > deadline)
            {
                return output;
            }

            await Task.Delay(1000);
        }
    }

    private async Task<BoardOutcome> FlashInProcessAsync(EmulatedBoard board, string bundle, Func<Task, Task>? onCopyStarted = null, Func<Task>? onSwitched = null)
    {
        using var run = new Commands.RunDirectory();
        var payload = Path.Combine(run.Path, "payload");
        Assert.True(ReleaseKeys.TryLoadTrusted([fleet.TrustKey], out var keys, out var reason), reason);
        Assert.True(BundleReader.TryVerify(bundle, keys, payload, out var check, out reason), reason);
        var ssh = new SshBoard(board.SshAddress, new SshOptions(Path.Combine(run.Path, "known_hosts"), fleet.SshKey, TimeSpan.FromSeconds(2)));
        var interrupted = new InterruptedBoard(ssh, onCopyStarted, onSwitched);
        var config = await File.ReadAllBytesAsync(fleet.WriteConfig("good.json"));
        var plan = new FlashPlan(check!.Manifest, payload, config, new GateOptions(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1)), DryRun: false);
        return await new BoardFlasher(new RecordingObserver(), TimeProvider.System).FlashAsync(interrupted, plan, CancellationToken.None);
    }

    private static void CorruptSignature(string from, string to)
    {
        var bytes = File.ReadAllBytes(from);

        // manifest.sig is the second entry: its data starts at the first 512-byte boundary after manifest.json's data.
        var manifestLength = Convert.ToInt64(System.Text.Encoding.ASCII.GetString(bytes, 124, 11), 8);
        var signature = 512 + (int)((manifestLength + 511) / 512 * 512) + 512;
        bytes[signature + 10] = (byte)(bytes[signature + 10] == (byte)'A' ? 'B' : 'A');
        File.WriteAllBytes(to, bytes);
    }

    /// <summary>Every file and link under the board's /opt/callsync and /etc/callsync with its size and time, from the host.</summary>
    private static string Snapshot(EmulatedBoard board) => string.Join('\n', board.FilesUnder("/opt/callsync").Concat(board.FilesUnder("/etc/callsync")));
}

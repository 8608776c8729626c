using System.CommandLine;
using System.Globalization;
using CallSync.Flash.Boards;
using CallSync.Flash.Flashing;

namespace CallSync.Flash.Commands;

/// <summary>The options every board command shares: which boards, how to reach them, the gate, the logs.</summary>
internal sealed class BoardOptions
{
    private const int MaxBoardsFileBytes = 64 * 1024;

    public Option<string[]> Boards { get; } = new("--board") { Description = "a board as user@host[:port]; repeatable" };
    public Option<string?> BoardsFile { get; } = new("--boards") { Description = "a file of boards, one user@host[:port] a line (# comments)" };
    public Option<string?> Identity { get; } = new("--identity") { Description = "the ssh private key to log in with (default: ssh's own)" };
    public Option<int> Parallel { get; } = new("--parallel") { Description = "boards flashed at the same time", DefaultValueFactory = _ => 8 };
    public Option<string> GateTimeout { get; } = new("--gate-timeout") { Description = "how long the agent has to become healthy (90s, 2m)", DefaultValueFactory = _ => "90s" };
    public Option<string?> LogDirectory { get; } = new("--log-dir") { Description = "directory for one log file per board" };

    public void AddTo(Command command, bool gate)
    {
        command.Options.Add(Boards);
        command.Options.Add(BoardsFile);
        command.Options.Add(Identity);
        command.Options.Add(Parallel);
        command.Options.Add(LogDirectory);
        if (gate)
        {
            command.Options.Add(GateTimeout);
        }
    }

    /// <summary>The boards named on the command line and in the file; null (with the reason printed) on any bad entry.</summary>
    public IReadOnlyList<BoardAddress>? ReadBoards(ParseResult result, string command)
    {
        var names = new List<string>(result.GetValue(Boards) ?? []);
        if (result.GetValue(BoardsFile) is { } file)
        {
            try
            {
                if (new FileInfo(file).Length > MaxBoardsFileBytes)
                {
                    return Fail(command, $"{file} is larger than {MaxBoardsFileBytes} bytes");
                }

                names.AddRange(File.ReadAllLines(file).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Fail(command, $"cannot read {file}: {ex.Message}");
            }
        }

        var boards = new List<BoardAddress>();
        foreach (var name in names)
        {
            if (!BoardAddress.TryParse(name, out var address, out var reason))
            {
                return Fail(command, reason);
            }

            if (!boards.Contains(address!))
            {
                boards.Add(address!);
            }
        }

        return boards.Count == 0 ? Fail(command, "no board: give --board user@host or --boards FILE") : boards;
    }

    /// <summary>The gate's limits from <c>--gate-timeout</c>; null (printed) when unreadable.</summary>
    public GateOptions? ReadGate(ParseResult result, string command)
    {
        var text = result.GetValue(GateTimeout) ?? "";
        if (!TryParseDuration(text, out var timeout))
        {
            Console.Error.WriteLine($"callsync-flash {command}: --gate-timeout '{text}' is not a duration such as 90s or 2m");
            return null;
        }

        return new GateOptions(timeout, GateOptions.DefaultInterval);
    }

    /// <summary>The ssh boards over a per-run known_hosts file in <paramref name="runDirectory"/>.</summary>
    public IReadOnlyList<IBoard> Connect(ParseResult result, IReadOnlyList<BoardAddress> boards, string runDirectory)
    {
        var ssh = new SshOptions(Path.Combine(runDirectory, "known_hosts"), result.GetValue(Identity), TimeSpan.FromSeconds(10));
        return [.. boards.Select(b => new SshBoard(b, ssh))];
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on every board (at most --parallel at once) with the progress display and the
    /// per-board logs, prints the summary table and returns the exit code.
    /// </summary>
    public async Task<int> RunAsync(ParseResult result, IReadOnlyList<BoardAddress> addresses, string runDirectory,
        Func<BoardFlasher, IBoard, CancellationToken, Task<BoardOutcome>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var boards = Connect(result, addresses, runDirectory);
        using var display = new ProgressDisplay(Console.Out, !Console.IsOutputRedirected, TimeProvider.System, result.GetValue(LogDirectory),
            boards.Select(b => b.Name));
        var flasher = new BoardFlasher(display, TimeProvider.System);
        var outcomes = await FlashRun.ForEachAsync(boards, result.GetValue(Parallel), (b, t) => operation(flasher, b, t), cancellationToken)
            .ConfigureAwait(false);
        SummaryTable.Write(Console.Out, outcomes);
        return FlashRun.ExitCode(outcomes);
    }

    /// <summary>"90s", "2m", "1h" or plain seconds, between 1 s and 1 h.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var unit = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        var number = unit == 0 ? text : text[..^1];
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        duration = TimeSpan.FromSeconds((long)value * Math.Max(unit, 1));
        return duration >= TimeSpan.FromSeconds(1) && duration <= TimeSpan.FromHours(1);
    }

    private static IReadOnlyList<BoardAddress>? Fail(string command, string reason)
    {
        Console.Error.WriteLine($"callsync-flash {command}: {reason}");
        return null;
    }
}

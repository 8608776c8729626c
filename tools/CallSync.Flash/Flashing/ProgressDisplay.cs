namespace CallSync.Flash.Flashing;

/// <summary>
/// Each board's stage on the console: on a terminal one line per board, redrawn in place; otherwise (CI, a pipe, a
/// file) one plain line per change. Also writes every line into the board's log file in <c>--log-dir</c>.
/// </summary>
internal sealed class ProgressDisplay : IFlashObserver, IDisposable
{
    private readonly TextWriter _out;
    private readonly bool _redraw;
    private readonly TimeProvider _time;
    private readonly string? _logDirectory;
    private readonly Dictionary<string, string> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StreamWriter> _logs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _drawn;

    public ProgressDisplay(TextWriter output, bool redraw, TimeProvider time, string? logDirectory, IEnumerable<string> boards)
    {
        _out = output;
        _redraw = redraw;
        _time = time;
        _logDirectory = logDirectory;
        foreach (var board in boards)
        {
            _rows[board] = Row(board, FlashStage.Waiting, "");
        }

        if (logDirectory is not null)
        {
            Directory.CreateDirectory(logDirectory);
        }
    }

    /// <summary>The log file of <paramref name="board"/> in <paramref name="directory"/>.</summary>
    public static string LogPath(string directory, string board) =>
        Path.Combine(directory, new string(board.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray()) + ".log");

    public void Stage(string board, FlashStage stage, string detail)
    {
        lock (_lock)
        {
            _rows[board] = Row(board, stage, detail);
            if (!_redraw)
            {
                _out.WriteLine(_rows[board]);
                return;
            }

            // Cursor up over the rows drawn before, then every row again, each line cleared first.
            if (_drawn > 0)
            {
                _out.Write($"\u001b[{_drawn}A");
            }

            foreach (var row in _rows.Values)
            {
                _out.Write("\u001b[2K");
                _out.WriteLine(row.Length > 160 ? row[..160] : row);
            }

            _drawn = _rows.Count;
            _out.Flush();
        }
    }

    public void Log(string board, string line)
    {
        if (_logDirectory is null)
        {
            return;
        }

        lock (_lock)
        {
            if (!_logs.TryGetValue(board, out var writer))
            {
                writer = new StreamWriter(LogPath(_logDirectory, board), append: true) { AutoFlush = true };
                _logs[board] = writer;
            }

            writer.WriteLine($"{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ} {line}");
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var writer in _logs.Values)
            {
                writer.Dispose();
            }

            _logs.Clear();
        }
    }

    private static string Row(string board, FlashStage stage, string detail) =>
        $"{board,-28} {StageLabel(stage),-12} {detail}";

    private static string StageLabel(FlashStage stage) => stage switch
    {
        FlashStage.Waiting => "waiting",
        FlashStage.Probe => "probe",
        FlashStage.Copy => "copy",
        FlashStage.Verify => "verify",
        FlashStage.Switch => "switch",
        FlashStage.Gate => "health gate",
        FlashStage.RollingBack => "rollback",
        FlashStage.Done => "done",
        _ => "FAILED",
    };
}

namespace CallSync.Testing.Processes;

/// <summary>
/// The lines a child process wrote (standard output and error, in arrival order), bounded: past
/// <see cref="Capacity"/> lines the oldest are dropped, and a line longer than <see cref="MaxLineLength"/> is cut.
/// Lines keep their absolute number, so a reader's position stays valid while old lines are dropped.
/// </summary>
public sealed class OutputLog
{
    /// <summary>Characters kept of one line; the rest is replaced by an ellipsis.</summary>
    public const int MaxLineLength = 4096;

    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private long _dropped;
    private bool _completed;
    private TaskCompletionSource _changed = NewSignal();

    public OutputLog(int capacity = 20_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Lines written so far, including dropped ones.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _dropped + _lines.Count;
            }
        }
    }

    /// <summary>True once both output streams ended.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>The kept lines, oldest first.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The kept lines as one text.</summary>
    public string Text => string.Join('\n', Lines);

    /// <summary>The last <paramref name="count"/> lines, with a note of how many came before them.</summary>
    public string Tail(int count = 40)
    {
        lock (_gate)
        {
            var skip = Math.Max(0, _lines.Count - count);
            var before = _dropped + skip;
            var tail = string.Join('\n', _lines.Skip(skip));
            return before == 0 ? tail : $"[{before} earlier lines not shown]\n{tail}";
        }
    }

    public void Add(string line)
    {
        if (line.Length > MaxLineLength)
        {
            line = string.Concat(line.AsSpan(0, MaxLineLength), "...");
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            _lines.Add(line);
            if (_lines.Count > Capacity)
            {
                // Drop a quarter at once: amortised O(1) per line instead of shifting the list on every line.
                var drop = Capacity / 4;
                _lines.RemoveRange(0, drop);
                _dropped += drop;
            }

            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>Marks the end of output: waiters stop waiting for new lines.</summary>
    public void Complete()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _completed = true;
            changed = _changed;
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// The first line numbered <paramref name="from"/> or later that matches. Without one, <see cref="LogSearch.Line"/>
    /// is null and <see cref="LogSearch.Changed"/> completes when the log next changes (or has ended).
    /// </summary>
    public LogSearch Find(long from, Func<string, bool> predicate)
    {
        lock (_gate)
        {
            for (var i = (int)Math.Max(0, from - _dropped); i < _lines.Count; i++)
            {
                if (predicate(_lines[i]))
                {
                    return new LogSearch(_dropped + i, _lines[i], _completed, Task.CompletedTask);
                }
            }

            return new LogSearch(_dropped + _lines.Count, null, _completed, _changed.Task);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

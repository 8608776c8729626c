using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Simulated;

/// <summary>A two-line, 24-column display whose text goes to the log.</summary>
public sealed class SimulatedDisplay(ILogger<SimulatedDisplay> logger) : IDisplay
{
    /// <summary>Columns per line, as on a typical desk phone's character display.</summary>
    public const int Columns = 24;

    private readonly string[] _lines = ["", ""];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public int Lines => _lines.Length;

    /// <inheritdoc />
    public void Show(int line, string text)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(line, _lines.Length);
        ArgumentNullException.ThrowIfNull(text);
        var shown = text.Length > Columns ? text[..Columns] : text;
        lock (_gate)
        {
            if (_lines[line] == shown)
            {
                return;
            }

            _lines[line] = shown;
        }

        SimulatedBoardLog.DisplayChanged(logger, line, shown);
    }

    /// <inheritdoc />
    public string Get(int line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(line, _lines.Length);
        lock (_gate)
        {
            return _lines[line];
        }
    }
}

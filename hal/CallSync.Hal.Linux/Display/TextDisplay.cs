using System.Text;
using CallSync.Hal.Linux.Gpio;
using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Linux.Display;

/// <summary>
/// A character display driven as text. Each change rewrites the whole screen to <see cref="Path"/>:
/// a path under /dev/ is treated as a terminal (a framebuffer console /dev/tty1, a serial LCD's /dev/ttyUSB0):
/// the text is written after ANSI "home, clear screen", lines separated by CR LF; any other path is a regular file
/// replaced with the lines, one per line (for a status page or a test). Without a path the text is only kept and logged.
/// </summary>
public sealed class TextDisplay : IDisplay
{
    private static readonly byte[] HomeAndClear = "\e[H\e[2J"u8.ToArray();

    private readonly string[] _lines;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();

    /// <summary>Creates the display; nothing is written until the first <see cref="Show"/>.</summary>
    public TextDisplay(string? path, int lines, int columns, ILogger<TextDisplay> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lines, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Path = path;
        Columns = columns;
        IsTerminal = path is not null && path.StartsWith("/dev/", StringComparison.Ordinal);
        _lines = new string[lines];
        Array.Fill(_lines, "");
        _logger = logger;
    }

    /// <summary>Where the text goes, or null.</summary>
    public string? Path { get; }

    /// <summary>Characters per line; longer text is cut.</summary>
    public int Columns { get; }

    /// <summary>True when <see cref="Path"/> is written as a terminal (ANSI clear, CR LF).</summary>
    public bool IsTerminal { get; }

    /// <inheritdoc />
    public int Lines => _lines.Length;

    /// <inheritdoc />
    public void Show(int line, string text)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(line, _lines.Length);
        ArgumentNullException.ThrowIfNull(text);
        var shown = Clean(text);
        lock (_gate)
        {
            if (_lines[line] == shown)
            {
                return;
            }

            _lines[line] = shown;
            Render();
        }

        LinuxBoardLog.DisplayChanged(_logger, line, shown);
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

    // Control characters would move the cursor or end the line early on a terminal: they become spaces.
    private string Clean(string text)
    {
        var cut = text.Length > Columns ? text[..Columns] : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }

    private void Render()
    {
        if (Path is null)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            text.Append(line).Append(IsTerminal ? "\r\n" : "\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        try
        {
            // A device is written in place; a file is truncated, so it always holds the current screen.
            using var stream = new FileStream(Path, IsTerminal ? FileMode.Open : FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1);
            if (IsTerminal)
            {
                stream.Write(HomeAndClear);
            }

            stream.Write(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LinuxBoardLog.DisplayFailed(_logger, Path, ex.Message);
        }
    }
}

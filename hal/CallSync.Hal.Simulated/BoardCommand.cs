namespace CallSync.Hal.Simulated;

/// <summary>
/// One line of the simulated board's control input: <c>key DIGITS</c>, <c>hook off</c>, <c>hook on</c> or
/// <c>show</c>. Keys are 0-9, *, #, and S (send), X (cancel), H (hold).
/// </summary>
public sealed record BoardCommand(BoardCommandKind Kind, string Argument)
{
    /// <summary>Parses a line; never throws. On failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? line, out BoardCommand? command, out string error)
    {
        command = null;
        error = "";
        var words = (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (words)
        {
            case ["key" or "keys", var keys] when keys.All(Hal.Keys.IsValid):
                command = new BoardCommand(BoardCommandKind.Keys, keys);
                return true;
            case ["key" or "keys", var keys]:
                error = $"'{keys}' has a character that is not a key (expected 0-9, *, #, S, X, H)";
                return false;
            case ["hook", "off"]:
                command = new BoardCommand(BoardCommandKind.HookOff, "");
                return true;
            case ["hook", "on"]:
                command = new BoardCommand(BoardCommandKind.HookOn, "");
                return true;
            case ["show"]:
                command = new BoardCommand(BoardCommandKind.Show, "");
                return true;
            case []:
                error = "empty command";
                return false;
            default:
                error = $"unknown board command '{line!.Trim()}' (expected: key DIGITS, hook off, hook on, show)";
                return false;
        }
    }
}

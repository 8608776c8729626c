using CallSync.Control;
using CallSync.Hal;
using CallSync.Hal.Simulated;

namespace CallSync.Agent.Control;

/// <summary>
/// <c>board key DIGITS</c>, <c>board hook on|off</c>, <c>board show</c>: drives the simulated board. On a real board
/// the command is refused, since keys and hook belong to the person at the desk.
/// </summary>
internal sealed class BoardControlHandler(IBoard board) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } = ["board"];

    public IReadOnlyCollection<string> Help { get; } =
    [
        "board key DIGITS       press keys on the simulated board (0-9 * #, S send, X cancel, H hold)",
        "board hook off|on      lift or replace the simulated handset",
        "board show             the simulated board's LEDs, ringer, display and hook",
    ];

    public Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        if (board is not SimulatedBoard simulated)
        {
            return Task.FromResult(ControlResponse.Refused($"board commands drive the simulated board; this agent runs the {board.Kind} board"));
        }

        var line = string.Join(' ', request.Args);
        return Task.FromResult(BoardCommand.TryParse(line, out var command, out var error)
            ? ControlResponse.Ok(simulated.Apply(command!))
            : ControlResponse.Usage(error));
    }
}

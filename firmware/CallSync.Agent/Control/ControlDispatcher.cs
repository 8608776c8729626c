using CallSync.Agent.Hosting;
using CallSync.Control;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Control;

/// <summary>Routes control requests to their handlers; answers <c>status</c> and <c>help</c> itself.</summary>
internal sealed class ControlDispatcher
{
    private readonly Dictionary<string, IControlCommandHandler> _handlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly StatusReport _status;
    private readonly ILogger<ControlDispatcher> _logger;

    /// <summary>Builds the routing table.</summary>
    /// <exception cref="InvalidOperationException">Two handlers claim the same command (a wiring bug).</exception>
    public ControlDispatcher(IEnumerable<IControlCommandHandler> handlers, StatusReport status, ILogger<ControlDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _status = status;
        _logger = logger;
        foreach (var handler in handlers)
        {
            foreach (var command in handler.Commands)
            {
                if (!_handlers.TryAdd(command, handler))
                {
                    throw new InvalidOperationException($"control command '{command}' has two handlers");
                }
            }
        }
    }

    /// <summary>Carries out a request; never throws for the request's sake.</summary>
    public async Task<ControlResponse> DispatchAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ControlResponse response;
        if (request.Command.Equals("status", StringComparison.OrdinalIgnoreCase))
        {
            response = ControlResponse.Ok(request.Args.Contains("--json", StringComparer.Ordinal) ? _status.Json() : _status.Lines());
        }
        else if (request.Command.Equals("help", StringComparison.OrdinalIgnoreCase))
        {
            response = ControlResponse.Ok(HelpText());
        }
        else if (_handlers.TryGetValue(request.Command, out var handler))
        {
            try
            {
                response = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A failing command must not take down the control socket; the bug is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ControlFailed(_logger, request.Command, ex);
                response = ControlResponse.Refused($"{request.Command} failed: {ex.Message}");
            }
        }
        else
        {
            response = ControlResponse.Usage($"unknown command '{request.Command}'; try 'help'");
        }

        Log.ControlHandled(_logger, request.Command, response.Exit);
        return response;
    }

    private string HelpText()
    {
        var lines = new List<string> { "status [--json]        what the agent listens on, its links and the current call (--json: one JSON object with health)", "help                   this list" };
        lines.AddRange(_handlers.Values.Distinct().SelectMany(h => h.Help));
        return string.Join(Environment.NewLine, lines);
    }
}

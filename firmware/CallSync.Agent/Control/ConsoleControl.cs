using CallSync.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Control;

/// <summary>
/// Reads control commands typed on standard input (for <c>make run</c> and bench work): the same commands as
/// the technician CLI, with the board ones also accepted bare ("key 1002S", "hook off").
/// </summary>
internal sealed class ConsoleControl(ControlDispatcher dispatcher, ILogger<ConsoleControl> logger, IHostApplicationLifetime lifetime)
    : IHostedService
{
    private static readonly string[] BoardWords = ["key", "keys", "hook", "show"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.ConsoleEnabled(logger);
        // Console input cannot be cancelled; a background thread dies with the process instead of holding shutdown.
        var thread = new Thread(() => ReadLoop(lifetime.ApplicationStopping)) { IsBackground = true, Name = "console-control" };
        thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Turns a typed line into a control request; null for a blank line.</summary>
    public static ControlRequest? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return null;
        }

        return BoardWords.Contains(words[0], StringComparer.OrdinalIgnoreCase)
            ? new ControlRequest("board", words)
            : new ControlRequest(words[0], words[1..]);
    }

    private void ReadLoop(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var line = Console.In.ReadLine();
            if (line is null)
            {
                return;
            }

            if (Parse(line) is not { } request)
            {
                continue;
            }

            _ = AnswerAsync(request, stopping);
        }
    }

    private async Task AnswerAsync(ControlRequest request, CancellationToken stopping)
    {
        try
        {
            var response = await dispatcher.DispatchAsync(request, stopping).ConfigureAwait(false);
            Log.ConsoleAnswer(logger, response.Text.ReplaceLineEndings(" | "));
        }
        catch (OperationCanceledException)
        {
            // The agent is stopping; the command no longer matters.
        }
    }
}

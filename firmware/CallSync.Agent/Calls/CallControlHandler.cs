using CallSync.Agent.Control;
using CallSync.Contracts;
using CallSync.Control;

namespace CallSync.Agent.Calls;

/// <summary>The technician CLI's call commands: dial, hangup, answer, hold, calls.</summary>
internal sealed class CallControlHandler(CallManager calls, ICallHistory history) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } = ["dial", "hangup", "answer", "hold", "calls"];

    public IReadOnlyCollection<string> Help { get; } =
    [
        "dial TARGET            call a number or SIP URI",
        "hangup                 end the current call (or reject a ringing one)",
        "answer                 answer the ringing call",
        "hold                   put the current call on hold, or resume it",
        "calls [--last N]       the newest call records",
    ];

    public async Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        switch (request.Command, request.Args)
        {
            case ("dial", [var target]):
                var attempt = await calls.DialAsync(target, new CallOrigin { Kind = OriginKind.Cli }, cancellationToken).ConfigureAwait(false);
                return attempt.Status switch
                {
                    DialAttemptStatus.Started => ControlResponse.Ok($"dialling {target} (record {attempt.Call!.RecordId}, call-id {attempt.Call.CallId})"),
                    DialAttemptStatus.Invalid => ControlResponse.Usage(attempt.Reason),
                    _ => ControlResponse.Refused(attempt.Reason),
                };
            case ("dial", _):
                return ControlResponse.Usage("usage: dial TARGET (a number or a SIP URI)");
            case ("hangup", []):
                return await calls.HangUpAsync(cancellationToken).ConfigureAwait(false)
                    ? ControlResponse.Ok("hung up")
                    : ControlResponse.Refused("no call to hang up");
            case ("answer", []):
                return await calls.AnswerAsync(cancellationToken).ConfigureAwait(false) ? ControlResponse.Ok("answered") : ControlResponse.Refused("no call is ringing");
            case ("hold", []):
                return await calls.ToggleHoldAsync(cancellationToken).ConfigureAwait(false) switch
                {
                    true => ControlResponse.Ok("on hold"),
                    false => ControlResponse.Ok("resumed"),
                    null => ControlResponse.Refused("no active call"),
                };
            case ("calls", []):
                return await ListAsync(10, cancellationToken).ConfigureAwait(false);
            case ("calls", ["--last", var n]) when int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var last) && last is > 0 and <= 1000:
                return await ListAsync(last, cancellationToken).ConfigureAwait(false);
            default:
                return ControlResponse.Usage($"usage: {Help.First(h => h.StartsWith(request.Command, StringComparison.Ordinal)).Split("  ")[0].Trim()}");
        }
    }

    private async Task<ControlResponse> ListAsync(int last, CancellationToken cancellationToken)
    {
        var lines = await history.LastAsync(last, cancellationToken).ConfigureAwait(false);
        return ControlResponse.Ok(lines.Count == 0 ? "no calls yet" : string.Join(Environment.NewLine, lines));
    }
}

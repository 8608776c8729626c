using System.CommandLine;
using System.Text.Json;
using CallSync.Control;

namespace CallSync.Cli;

/// <summary>
/// <c>callsync</c>, the technician's CLI: talks to a running agent over its local control socket.
/// Exit codes: 0 done, 1 refused by the agent, 2 usage, 3 agent unreachable.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "the agent's configuration file (to find its control socket)",
            DefaultValueFactory = _ => "/etc/callsync/agent.json",
            Recursive = true,
        };
        var socket = new Option<string?>("--socket")
        {
            Description = "the control socket, instead of finding it from --config",
            Recursive = true,
        };

        var root = new RootCommand("callsync: the CallSync desk phone technician CLI") { config, socket };

        var json = new Option<bool>("--json") { Description = "one JSON object: healthy, version, problems, and each source's fields (e.g. sources.sip.registration.registered, sources.sip.tls.lastError)" };
        var status = new Command("status", "what the agent listens on, its links and the current call") { json };
        status.SetAction((result, token) => SendAsync(result, config, socket, "status", result.GetValue(json) ? ["--json"] : [], token));
        root.Subcommands.Add(status);
        root.Subcommands.Add(Simple("hangup", "end the current call (or reject a ringing one)", config, socket));
        root.Subcommands.Add(Simple("answer", "answer the ringing call", config, socket));
        root.Subcommands.Add(Simple("hold", "put the current call on hold, or resume it", config, socket));

        var target = new Argument<string>("TARGET") { Description = "a number (1002, +4930123456) or a SIP URI (sip:1002@pbx)" };
        var dial = new Command("dial", "call a number or SIP URI") { target };
        dial.SetAction((result, token) => SendAsync(result, config, socket, "dial", [result.GetValue(target)!], token));
        root.Subcommands.Add(dial);

        var hubUrl = new Argument<string>("URL") { Description = "the hub, e.g. https://hub.example.com (http:// only to a loopback hub)" };
        var code = new Argument<string>("CODE") { Description = "the one-time enrollment code the hub's admin issued for this phone" };
        var enroll = new Command("enroll", "enroll this phone with the hub: the agent generates its keys and stores what the hub issues (0600)") { hubUrl, code };
        enroll.SetAction((result, token) => SendAsync(result, config, socket, "enroll", [result.GetValue(hubUrl)!, result.GetValue(code)!], token));
        root.Subcommands.Add(enroll);

        var last = new Option<int>("--last") { Description = "how many of the newest calls", DefaultValueFactory = _ => 10 };
        var calls = new Command("calls", "the newest call records") { last };
        calls.SetAction((result, token) => SendAsync(result, config, socket, "calls",
            ["--last", result.GetValue(last).ToString(System.Globalization.CultureInfo.InvariantCulture)], token));
        root.Subcommands.Add(calls);

        var board = new Command("board", "drive the simulated board");
        var digits = new Argument<string>("DIGITS") { Description = "keys: 0-9 * # and S (send), X (cancel), H (hold)" };
        var key = new Command("key", "press keys") { digits };
        key.SetAction((result, token) => SendAsync(result, config, socket, "board", ["key", result.GetValue(digits)!], token));
        var state = new Argument<string>("STATE") { Description = "off (lift the handset) or on (replace it)" };
        state.AcceptOnlyFromAmong("on", "off");
        var hook = new Command("hook", "lift or replace the handset") { state };
        hook.SetAction((result, token) => SendAsync(result, config, socket, "board", ["hook", result.GetValue(state)!], token));
        var show = new Command("show", "LEDs, ringer, display and hook of the simulated board");
        show.SetAction((result, token) => SendAsync(result, config, socket, "board", ["show"], token));
        board.Subcommands.Add(key);
        board.Subcommands.Add(hook);
        board.Subcommands.Add(show);
        root.Subcommands.Add(board);

        var companion = new Command("companions", "the paired mobiles");
        var list = new Command("list", "list the paired mobiles");
        list.SetAction((result, token) => SendAsync(result, config, socket, "companions", ["list"], token));
        var id = new Argument<string>("ID") { Description = "the companion id shown by 'companions list'" };
        var unpair = new Command("unpair", "forget a paired mobile") { id };
        unpair.SetAction((result, token) => SendAsync(result, config, socket, "companions", ["unpair", result.GetValue(id)!], token));
        companion.Subcommands.Add(list);
        companion.Subcommands.Add(unpair);
        root.Subcommands.Add(companion);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            return ControlExit.Usage;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }

    private static Command Simple(string name, string description, Option<string> config, Option<string?> socket)
    {
        var command = new Command(name, description);
        command.SetAction((result, token) => SendAsync(result, config, socket, name, [], token));
        return command;
    }

    private static async Task<int> SendAsync(ParseResult result, Option<string> config, Option<string?> socket, string command,
        string[] args, CancellationToken cancellationToken)
    {
        string path;
        try
        {
            path = result.GetValue(socket) ?? ControlSocketLocator.Locate(result.GetValue(config)!, Environment.GetEnvironmentVariable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            await Console.Error.WriteLineAsync($"callsync: cannot read the agent's configuration {result.GetValue(config)}: {ex.Message}").ConfigureAwait(false);
            return ControlExit.Usage;
        }

        var response = await ControlClient.SendAsync(path, new ControlRequest(command, args), cancellationToken).ConfigureAwait(false);
        var output = response.Exit == ControlExit.Ok ? Console.Out : Console.Error;
        await output.WriteLineAsync(response.Text).ConfigureAwait(false);
        return response.Exit;
    }
}

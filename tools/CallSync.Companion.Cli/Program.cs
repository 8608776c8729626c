using System.CommandLine;

namespace CallSync.Companion.Cli;

/// <summary>
/// callsync-companion: the mobile app's side of the companion protocol, for technicians and tests.
/// Exit codes: 0 ok, 1 refused/failed, 2 usage, 3 connection failed.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var connect = new Option<string>("--connect", "-c")
        {
            Description = "The desk phone's companion endpoint: " + ConnectTarget.Accepts,
            Required = true,
            Recursive = true,
        };
        var state = new Option<string>("--state")
        {
            Description = "Directory holding this companion's id and long-term key (0600)",
            DefaultValueFactory = _ => CliContext.DefaultStateDirectory,
            Recursive = true,
        };
        var user = new Option<string>("--user") { Description = "The app user id to bind", Required = true };
        var name = new Option<string>("--name") { Description = "Name shown on the desk phone", DefaultValueFactory = _ => "callsync-companion" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Confirm the pairing code without asking" };
        var output = new Option<string>("--out") { Description = "Folder to receive recordings into", Required = true };
        var once = new Option<bool>("--once") { Description = "Exit after the pending recordings" };
        var upload = new Option<string?>("--upload")
        {
            Description = "Upload each received recording to this hub (http(s)://HOST:PORT) with the user's access token",
        };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = $"File holding the user's access token for --upload (default: the {UploadTarget.TokenVariable} environment variable)",
        };
        var follow = new Option<bool>("--follow") { Description = "Print ringing/answered/ended until the call ends" };
        var number = new Argument<string>("NUMBER") { Description = "The number the desk phone should dial" };

        var pair = new Command("pair", "Pair with the desk phone (numeric comparison)") { user, name, yes };
        var listen = new Command("listen", "Receive recordings, verified by SHA-256") { output, once, upload, tokenFile };
        var dial = new Command("dial", "Ask the desk phone to dial a number") { number, follow };
        var unpair = new Command("unpair", "Remove this pairing on the desk phone and locally");
        var root = new RootCommand("CallSync companion simulator: pair, receive recordings, dial, unpair") { connect, state, pair, listen, dial, unpair };

        pair.SetAction((parse, ct) => WithTarget(parse, connect, target => PairCommand.RunAsync(
            target, parse.GetValue(state)!, parse.GetValue(user)!, parse.GetValue(name)!, parse.GetValue(yes), ct)));
        listen.SetAction((parse, ct) =>
        {
            if (!UploadTarget.TryRead(parse.GetValue(upload), parse.GetValue(tokenFile), out var hub, out var problem))
            {
                Console.Error.WriteLine("usage: " + problem);
                return Task.FromResult(ExitCodes.Usage);
            }

            return WithTarget(parse, connect, target => ListenCommand.RunAsync(
                target, parse.GetValue(state)!, parse.GetValue(output)!, parse.GetValue(once), hub, ct));
        });
        dial.SetAction((parse, ct) => WithTarget(parse, connect, target => DialCommand.RunAsync(
            target, parse.GetValue(state)!, parse.GetValue(number)!, parse.GetValue(follow), ct)));
        unpair.SetAction((parse, ct) => WithTarget(parse, connect, target => UnpairCommand.RunAsync(target, parse.GetValue(state)!, ct)));

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"usage: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("run 'callsync-companion --help' for usage").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await result.InvokeAsync().ConfigureAwait(false);
    }

    private static Task<int> WithTarget(ParseResult parse, Option<string> connect, Func<ConnectTarget, Task<int>> run)
    {
        string? text = parse.GetValue(connect);
        if (!ConnectTarget.TryParse(text, out var target))
        {
            Console.Error.WriteLine($"usage: --connect must be {ConnectTarget.Accepts}, got '{text}'");
            return Task.FromResult(ExitCodes.Usage);
        }

        return CliContext.GuardAsync(() => run(target!));
    }
}

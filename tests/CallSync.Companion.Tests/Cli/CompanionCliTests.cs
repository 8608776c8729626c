using CallSync.Companion.Messages;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Cli;

/// <summary>Runs the real callsync-companion executable against a real companion server on 127.0.0.1.</summary>
public sealed class CompanionCliTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("cli-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CompanionCliProcess.RunAsync(null, args);

    [Fact]
    public async Task Cli_PairListenDialUnpair_WorksEndToEndWithExitCodes()
    {
        await using var fixture = new ServerFixture();
        string source = Path.Combine(_work, "call.opus");
        File.WriteAllBytes(source, Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31)).ToArray());
        fixture.Outbox.AddFile("rec-cli", source, "+49306", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(40));
        string connect = $"tcp:127.0.0.1:{fixture.EndPoint.Port}";
        string state = Path.Combine(_work, "state");
        string inbox = Path.Combine(_work, "inbox");

        var pair = await RunAsync("pair", "--connect", connect, "--user", "user-9", "--yes", "--state", state);
        Assert.True(pair.ExitCode == 0, pair.Output + pair.Error);
        Assert.Matches("Pairing code: [0-9]{6}", pair.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state, "companion.json")));

        var listen = await RunAsync("listen", "--connect", connect, "--state", state, "--out", inbox, "--once");
        Assert.True(listen.ExitCode == 0, listen.Output + listen.Error);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(inbox, "rec-cli.opus")));

        // 200,000 bytes in 32 KiB chunks: 7, the last one completing the file; a line at each quarter passed.
        Assert.Equal(
            ["rec-cli: receiving 200000 bytes",
             "rec-cli: 65536 of 200000 bytes (32 %), 2 chunks",
             "rec-cli: 131072 of 200000 bytes (65 %), 4 chunks",
             "rec-cli: 163840 of 200000 bytes (81 %), 5 chunks",
             "rec-cli: 200000 bytes, 7 chunks, verified"],
            listen.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("rec-cli:", StringComparison.Ordinal)));
        Assert.Single(fixture.Outbox.Deliveries);

        fixture.Dialer.Answer = _ => CompanionDialOutcome.Started("rec-dial");
        var dial = await RunAsync("dial", "+4930777", "--follow", "--connect", connect, "--state", state);
        Assert.True(dial.ExitCode == 0, dial.Output + dial.Error);
        Assert.Contains("record rec-dial", dial.Output, StringComparison.Ordinal);
        Assert.Contains("ended answered", dial.Output, StringComparison.Ordinal);
        Assert.Equal(["+4930777"], fixture.Dialer.Numbers);

        fixture.Dialer.Answer = _ => CompanionDialOutcome.Busy();
        var busy = await RunAsync("dial", "200", "--connect", connect, "--state", state);
        Assert.Equal(1, busy.ExitCode);
        Assert.Contains("busy", busy.Error, StringComparison.Ordinal);

        var unpair = await RunAsync("unpair", "--connect", connect, "--state", state);
        Assert.True(unpair.ExitCode == 0, unpair.Output + unpair.Error);
        Assert.Empty(fixture.Keys.List());
        Assert.False(File.Exists(Path.Combine(state, "companion.json")));
    }

    [Fact]
    public async Task Cli_BadArguments_ExitCodeTwo()
    {
        var missing = await RunAsync("pair", "--connect", "tcp:127.0.0.1:1");
        var badTarget = await RunAsync("pair", "--connect", "udp:x", "--user", "u", "--yes");
        var badPsm = await RunAsync("pair", "--connect", "ble:00:1A:7D:DA:71:13:0x7F", "--user", "u", "--yes");
        var badAddress = await RunAsync("pair", "--connect", "rfcomm:00:1A:7D:DA:71:3", "--user", "u", "--yes");

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, badTarget.ExitCode);
        Assert.Contains("tcp:HOST:PORT, ble:AA:BB:CC:DD:EE:FF:PSM or rfcomm:AA:BB:CC:DD:EE:FF:CHANNEL", badTarget.Error, StringComparison.Ordinal);
        Assert.Equal(2, badPsm.ExitCode);
        Assert.Equal(2, badAddress.ExitCode);
    }

    [Fact]
    public async Task Cli_BluetoothTargetNotReachable_ExitCodeThreeWithTheReason()
    {
        // Without Bluetooth (this machine) the socket layer says so; with an adapter, no phone has this address.
        var result = await RunAsync("pair", "--connect", "ble:00:1A:7D:DA:71:13:0x81", "--user", "u", "--yes", "--state", _work);

        Assert.Equal(3, result.ExitCode);
        Assert.True(result.Error.Contains("Bluetooth is not available", StringComparison.Ordinal)
            || result.Error.Contains("cannot connect to ble:00:1A:7D:DA:71:13:0x81", StringComparison.Ordinal), result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_NothingListening_ExitCodeThree()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var result = await RunAsync("pair", "--connect", $"tcp:127.0.0.1:{port}", "--user", "u", "--yes", "--state", _work);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot connect", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_PhoneUserRejects_ExitCodeOneNothingSaved()
    {
        var confirmer = new ScriptedConfirmer { Decision = false };
        await using var fixture = new ServerFixture(confirmer);
        string state = Path.Combine(_work, "state");

        var result = await RunAsync("pair", "--connect", $"tcp:127.0.0.1:{fixture.EndPoint.Port}", "--user", "u", "--yes", "--state", state);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rejected", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(state, "companion.json")));
    }
}

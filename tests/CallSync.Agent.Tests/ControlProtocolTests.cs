using System.Text;
using CallSync.Agent.Control;
using CallSync.Control;

namespace CallSync.Agent.Tests;

public sealed class ControlProtocolTests
{
    [Fact]
    public void Encode_ThenDecode_RoundTripsARequest()
    {
        var line = ControlProtocol.Encode(new ControlRequest("dial", ["1002"]));
        Assert.Equal((byte)'\n', line[^1]);
        Assert.True(ControlProtocol.TryDecode(line.AsSpan(0, line.Length - 1), out var request, out var error), error);
        Assert.Equal("dial", request!.Command);
        Assert.Equal(["1002"], request.Args);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"command\":\"\",\"args\":[]}")]
    [InlineData("{\"command\":\"dial\"}")]
    [InlineData("[1,2,3]")]
    public void TryDecode_Garbage_IsRefusedWithAReason(string text)
    {
        Assert.False(ControlProtocol.TryDecode(Encoding.UTF8.GetBytes(text), out var request, out var error));
        Assert.Null(request);
        Assert.StartsWith("not a control request", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key 1002S", "board", "key,1002S")]
    [InlineData("hook off", "board", "hook,off")]
    [InlineData("dial 1002", "dial", "1002")]
    [InlineData("  status  ", "status", "")]
    public void ConsoleControl_Parse_MapsTypedLines(string line, string command, string args)
    {
        var request = ConsoleControl.Parse(line)!;
        Assert.Equal(command, request.Command);
        Assert.Equal(args, string.Join(',', request.Args));
    }

    [Fact]
    public void ConsoleControl_Parse_BlankLine_IsNothing() => Assert.Null(ConsoleControl.Parse("   "));

    [Fact]
    public void ControlSocketLocator_FollowsTheAgentsDefaults()
    {
        var dir = Directory.CreateTempSubdirectory("callsync-locator-").FullName;
        try
        {
            var config = Path.Combine(dir, "agent.json");
            File.WriteAllText(config, """{ "device": { "dataDir": "/srv/phone" } }""");
            Assert.Equal("/srv/phone/control.sock", ControlSocketLocator.Locate(config, _ => null));
            Assert.Equal("/elsewhere/c.sock", ControlSocketLocator.Locate(config, k => k == "CALLSYNC_Control__Socket" ? "/elsewhere/c.sock" : null));
            File.WriteAllText(config, "{}");
            Assert.Equal("/var/lib/callsync/control.sock", ControlSocketLocator.Locate(config, _ => null));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SystemdWatchdog_Interval_IsHalfOfWatchdogUsecForThisProcess()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Hosting.SystemdWatchdog.Interval(k => k == "WATCHDOG_USEC" ? "10000000" : null, 42));
        Assert.Equal(TimeSpan.FromSeconds(5), Hosting.SystemdWatchdog.Interval(k => k switch { "WATCHDOG_USEC" => "10000000", "WATCHDOG_PID" => "42", _ => null }, 42));
        Assert.Null(Hosting.SystemdWatchdog.Interval(k => k switch { "WATCHDOG_USEC" => "10000000", "WATCHDOG_PID" => "7", _ => null }, 42));
        Assert.Null(Hosting.SystemdWatchdog.Interval(_ => null, 42));
    }
}

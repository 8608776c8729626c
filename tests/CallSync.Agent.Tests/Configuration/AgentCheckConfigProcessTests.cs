using System.Text.Json.Nodes;
using CallSync.Configuration;

namespace CallSync.Agent.Tests.Configuration;

/// <summary>
/// The technician's view: <c>callsync-agent --check-config FILE</c> (exit 0 or 2, every problem listed, nothing
/// started), and at start every bad value exits 2 with one line.
/// </summary>
public sealed class AgentCheckConfigProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-check-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string DataPath => Path.Combine(_dir, "data");

    private string Config(Action<JsonObject>? change = null) => AgentProcessTests.WriteConfig(_dir, change);

    private static string[] Lines(AgentProcess agent) => agent.Output.Trim().Split('\n');

    [Fact]
    public void CheckConfig_ValidFileWithATypo_ExitsZeroWithTheWarningAndStartsNothing()
    {
        var config = Config(json => json["Sip"]!["AutoAnswr"] = "on");

        using var agent = AgentProcess.Start("--check-config", config);

        Assert.Equal(0, agent.WaitForExit(Patience));
        Assert.Equal(
            [
                "warning: configuration: Sip:AutoAnswr is not a known key and is ignored; did you mean Sip:AutoAnswer?",
                $"{config}: valid (1 warning)",
            ],
            Lines(agent));
        Assert.False(Directory.Exists(DataPath));
    }

    [Fact]
    public void CheckConfig_BrokenFile_ExitsTwoListingEveryProblemWithSecretsHidden()
    {
        var config = Config(json =>
        {
            json["Sip"]!["MaxCalls"] = 0;
            json["Sip"]!["Password"] = new string('p', 300);
            json["Rtp"] = new JsonObject { ["PortMin"] = 20000, ["PortMax"] = 19000 };
            json["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Loud" } };
        });

        using var agent = AgentProcess.Start("--check-config", config, "--Board:Kind=fpga");

        Assert.Equal(ConfigCheck.ExitInvalid, agent.WaitForExit(Patience));
        Assert.Equal(
            [
                "configuration: Board:Kind = \"fpga\" is invalid; expected simulated or linux",
                "configuration: Sip:Password = \"(hidden)\" is invalid; expected a password of at most 256 characters",
                "configuration: Sip:MaxCalls = \"0\" is invalid; expected a whole number from 1 to 10000",
                "configuration: Rtp:PortMax = \"19000\" is invalid; expected a port above Rtp:PortMin (20000)",
                "configuration: Logging:LogLevel:Default = \"Loud\" is invalid; expected Trace, Debug, Information, Warning, Error, Critical or None",
                $"{config}: 5 problems",
            ],
            Lines(agent));
        Assert.DoesNotContain("ppp", agent.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataPath));
    }

    [Fact]
    public void CheckConfig_MissingFile_ExitsTwoSayingSo()
    {
        var path = Path.Combine(_dir, "absent.json");

        using var agent = AgentProcess.Start("--check-config", path);

        Assert.Equal(ConfigCheck.ExitInvalid, agent.WaitForExit(Patience));
        Assert.Equal([$"configuration: file {path} not found"], Lines(agent));
    }

    [Fact]
    public void Start_UnknownLogLevel_ExitsTwoWithOneLine()
    {
        using var agent = AgentProcess.Start("--config", Config(), "--Logging:LogLevel:Default=Loud");

        Assert.Equal(ConfigCheck.ExitInvalid, agent.WaitForExit(Patience));
        Assert.Equal(
            ["configuration: Logging:LogLevel:Default = \"Loud\" is invalid; expected Trace, Debug, Information, Warning, Error, Critical or None"],
            Lines(agent));
        Assert.False(Directory.Exists(DataPath));
    }

    [Fact]
    public void Start_TwoBadValues_OneLineNamingTheFirstAndHowToSeeAll()
    {
        using var agent = AgentProcess.Start("--config", Config(), "--Rtp:Address=localhost", "--Mqtt:Url=http://broker");

        Assert.Equal(ConfigCheck.ExitInvalid, agent.WaitForExit(Patience));
        Assert.Equal(
            ["configuration: Rtp:Address = \"localhost\" is invalid; expected an IPv4 address such as 192.168.1.20 or 0.0.0.0 " +
             "(and 1 more: callsync-agent --check-config FILE lists them all)"],
            Lines(agent));
    }

    [Fact]
    public void Start_UnknownKey_WarnsWithTheKeyMeantAndRuns()
    {
        using var agent = AgentProcess.Start("--config", Config(json => json["Sip"]!["AutoAnswr"] = "on"), "--Logging:LogLevel:Default=Information");

        Assert.True(agent.WaitForLine("Ready.", Patience), agent.Output);
        Assert.Contains("Configuration key Sip:AutoAnswr is not used by this agent and is ignored; did you mean Sip:AutoAnswer?", agent.Output,
            StringComparison.Ordinal);
        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));
    }

    [Fact]
    public void PrintConfigReference_WritesTheDocumentedTables()
    {
        using var agent = AgentProcess.Start("--print-config-reference");

        Assert.Equal(0, agent.WaitForExit(Patience));
        Assert.Equal(ConfigReference.Write(Agent.Configuration.AgentOptionsReader.Schema).TrimEnd('\n'), agent.Output.TrimEnd('\n'));
    }
}

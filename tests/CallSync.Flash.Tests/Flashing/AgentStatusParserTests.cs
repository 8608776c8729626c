using CallSync.Flash.Boards;

namespace CallSync.Flash.Tests.Flashing;

public sealed class AgentStatusParserTests
{
    [Fact]
    public void Parse_HealthyAnswer_IsHealthyWithVersion()
    {
        var (healthy, version, _) = AgentStatusParser.Parse("""{"healthy":true,"version":"1.2.0","problems":[],"sources":{}}""");

        Assert.True(healthy);
        Assert.Equal("1.2.0", version);
    }

    [Fact]
    public void Parse_UnhealthyAnswer_ListsTheProblems()
    {
        var (healthy, _, reason) = AgentStatusParser.Parse("""{"healthy":false,"problems":["sip: not registered at sip:pbx: 403","mqtt: not connected to mqtts://hub"]}""");

        Assert.False(healthy);
        Assert.Equal("sip: not registered at sip:pbx: 403; mqtt: not connected to mqtts://hub", reason);
    }

    [Theory]
    [InlineData(null, "the agent gave no status")]
    [InlineData("callsync: cannot reach the agent", "status answer is not JSON: callsync: cannot reach the agent")]
    [InlineData("{\"version\":\"1\"}", "status answer has no 'healthy' field")]
    [InlineData("{\"healthy\":\"yes\"}", "status answer has no 'healthy' field")]
    public void Parse_NoUsableAnswer_IsUnhealthyWithAReason(string? text, string reasonStart)
    {
        var (healthy, _, reason) = AgentStatusParser.Parse(text);

        Assert.False(healthy);
        Assert.StartsWith(reasonStart, reason, StringComparison.Ordinal);
    }
}

using CallSync.Agent.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Tests;

public sealed class SipSessionTimerOptionsTests
{
    private static AgentOptions Read(params (string Key, string? Value)[] overrides)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(AgentOptionsReaderTests.ExampleJson));
        var config = new ConfigurationBuilder()
            .AddJsonStream(stream)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
        return AgentOptionsReader.Read(config, out _);
    }

    [Fact]
    public void Read_NoSessionKeys_ThirtyMinutesWithRfcMinimum()
    {
        var sip = Read().Sip.UserAgent;

        Assert.Equal(TimeSpan.FromMinutes(30), sip.SessionExpires);
        Assert.Equal(TimeSpan.FromSeconds(90), sip.MinSessionExpires);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("0")]
    public void Read_SessionExpiresOff_TimersSwitchedOff(string value) =>
        Assert.Equal(TimeSpan.Zero, Read(("Sip:SessionExpires", value)).Sip.UserAgent.SessionExpires);

    [Fact]
    public void Read_SessionExpiresBelowMinimum_NamesKeyAndRange()
    {
        var error = Assert.Throws<ConfigurationError>(() => Read(("Sip:MinSessionExpires", "5m"), ("Sip:SessionExpires", "2m")));

        Assert.Contains("Sip:SessionExpires", error.Message, StringComparison.Ordinal);
        Assert.Contains("5m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MinSessionExpiresBelowRfcFloor_Refused() =>
        Assert.Contains("Sip:MinSessionExpires", Assert.Throws<ConfigurationError>(() => Read(("Sip:MinSessionExpires", "30s"))).Message, StringComparison.Ordinal);
}

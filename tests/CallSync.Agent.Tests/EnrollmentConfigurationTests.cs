using CallSync.Agent.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Tests;

/// <summary>The agent's Enrollment and Mqtt keys as enrollment changed them (docs/configuration.md).</summary>
public sealed class EnrollmentConfigurationTests
{
    private static AgentOptions Read(params (string Key, string? Value)[] values) =>
        AgentOptionsReader.Read(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Device:Id", "desk-0001"), new("Device:Number", "1001"), .. values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))])
            .Build(), out _);

    [Fact]
    public void Read_EnrollmentUrlAndCode_BothKept()
    {
        var options = Read(("Enrollment:Url", "https://hub.example.com"), ("Enrollment:Code", "7KQ2-M9XD-4HPA"));
        Assert.Equal(new EnrollmentOptions(new Uri("https://hub.example.com"), "7KQ2-M9XD-4HPA"), options.Enrollment);
    }

    [Theory]
    [InlineData("http://hub.example.com", "7KQ2-M9XD-4HPA", "Enrollment:Url")]
    [InlineData(null, "7KQ2-M9XD-4HPA", "Enrollment:Url")]
    [InlineData("https://hub.example.com", null, "Enrollment:Code")]
    public void Read_EnrollmentIncompleteOrPlainHttpToAnotherHost_NamesTheKey(string? url, string? code, string key)
    {
        var error = Assert.Throws<ConfigurationError>(() => Read(("Enrollment:Url", url), ("Enrollment:Code", code)));
        Assert.Equal(key, error.Key);
        Assert.DoesNotContain("7KQ2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PlainHttpToLoopback_Allowed()
    {
        Assert.NotNull(Read(("Enrollment:Url", "http://127.0.0.1:8080"), ("Enrollment:Code", "7KQ2-M9XD-4HPA")).Enrollment);
    }

    [Fact]
    public void Read_MqttSectionWithoutUrl_AllowedForAnEnrolledPhone()
    {
        var options = Read(("Mqtt:KeepAlive", "10s"));
        Assert.Null(options.Mqtt!.Url);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Mqtt.KeepAlive);
        Assert.Null(options.Enrollment);
    }
}

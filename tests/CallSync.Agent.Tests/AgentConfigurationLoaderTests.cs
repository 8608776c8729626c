using CallSync.Agent.Configuration;

namespace CallSync.Agent.Tests;

public sealed class AgentConfigurationLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_MissingFile_SaysNotFound()
    {
        var path = Path.Combine(_dir, "absent.json");
        var error = Assert.Throws<StartupError>(() => AgentConfigurationLoader.Load(["--config", path], out _));
        Assert.Equal($"configuration: file {path} not found", error.Message);
    }

    [Fact]
    public void Load_BrokenJson_SaysWhere()
    {
        var path = Write("bad.json", "{ \"Device\": {\n  \"Id\": \"x\",, }");
        var error = Assert.Throws<StartupError>(() => AgentConfigurationLoader.Load(["--config", path], out _));
        Assert.StartsWith($"configuration: {path} is not valid JSON at line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_JsonArray_IsRefused()
    {
        var path = Write("array.json", "[1, 2]");
        var error = Assert.Throws<StartupError>(() => AgentConfigurationLoader.Load(["--config", path], out _));
        Assert.Contains("must hold a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CommandLineOverride_WinsOverFileAndEnvironment()
    {
        var path = Write("agent.json", AgentOptionsReaderTests.ExampleJson);
        Environment.SetEnvironmentVariable("CALLSYNC_Sip__MaxCalls", "5");
        Environment.SetEnvironmentVariable("CALLSYNC_Sip__AutoAnswer", "on");
        try
        {
            var configuration = AgentConfigurationLoader.Load(["--config", path, "--Sip:AutoAnswer=3s"], out var used);
            Assert.Equal(path, used);
            Assert.Equal("5", configuration["Sip:MaxCalls"]);
            Assert.Equal("3s", configuration["Sip:AutoAnswer"]);
            Assert.Equal("desk-0001", configuration["Device:Id"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CALLSYNC_Sip__MaxCalls", null);
            Environment.SetEnvironmentVariable("CALLSYNC_Sip__AutoAnswer", null);
        }
    }

    [Fact]
    public void Load_FileWithByteOrderMark_IsRead()
    {
        var path = Path.Combine(_dir, "bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(AgentOptionsReaderTests.ExampleJson)]);

        Assert.Equal("desk-0001", AgentConfigurationLoader.Load(["--config", path], out _)["Device:Id"]);
    }

    [Theory]
    [InlineData("directory", "configuration: {0} is a directory, not a file")]
    [InlineData("duplicate", "configuration: {0} cannot be used (A duplicate key 'sip:MaxCalls' was found)")]
    [InlineData("oversized", "configuration: file {0} is larger than 1024 KiB")]
    public void Load_UnusableFile_OneLineSayingWhy(string kind, string expected)
    {
        var path = Path.Combine(_dir, kind + ".json");
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "duplicate":
                File.WriteAllText(path, """{ "Sip": { "MaxCalls": 1 }, "sip": { "MaxCalls": 2 } }""");
                break;
            default:
                File.WriteAllText(path, "{ \"Device\": { \"Id\": \"" + new string('x', 2 << 20) + "\" } }");
                break;
        }

        var error = Assert.Throws<StartupError>(() => AgentConfigurationLoader.Load(["--config", path], out _));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, path), error.Message);
    }

    [Fact]
    public void Load_ConfigWithoutPath_IsAUsageError()
    {
        var error = Assert.Throws<StartupError>(() => AgentConfigurationLoader.Load(["--config"], out _));
        Assert.StartsWith("usage:", error.Message, StringComparison.Ordinal);
    }
}

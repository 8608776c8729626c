using System.Diagnostics;
using CallSync.Configuration;

namespace CallSync.Hub.Tests.Configuration;

/// <summary>callsync-hub as an operator starts it: bad values exit 2 with one line; <c>--check-config</c> lists every problem.</summary>
public sealed class HubConfigurationProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-hub-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Runs the hub to its exit (every case here exits at once); stdout and stderr separately.
    private (int Exit, string Out, string Error) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _dir };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "callsync-hub.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("callsync-hub did not exit: " + output.Result + error.Result);
        }

        return (process.ExitCode, output.Result.Trim(), error.Result.Trim());
    }

    private string File(string json)
    {
        var path = Path.Combine(_dir, $"hub-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("--Mqtt:Port=0", "configuration: Mqtt:Port = \"0\" is invalid; expected a whole number from 1 to 65535")]
    [InlineData("--Http:Urls=https://127.0.0.1:0",
        "configuration: Http:Urls = \"https://127.0.0.1:0\" is invalid; expected http:// URLs, or https:// ones with Http:Certificate and Http:CertificateKey set")]
    [InlineData("--Logging:LogLevel:Default=Loud",
        "configuration: Logging:LogLevel:Default = \"Loud\" is invalid; expected Trace, Debug, Information, Warning, Error, Critical or None")]
    [InlineData("--Security:TokenSecret=<the output of: openssl rand -base64 48>",
        "configuration: Security:TokenSecret = \"(hidden)\" is invalid; expected a secret of its own, not an example from the documentation (generate one: openssl rand -base64 48)")]
    [InlineData("--Storage:ConnectionString=Data Source=hub.db;Mode=Sideways",
        "configuration: Storage:ConnectionString = \"(hidden)\" is invalid; expected a Microsoft.Data.Sqlite connection string such as Data Source=/var/lib/callsync-hub/hub.db")]
    public void Main_BadValue_ExitsWith2AndOneLine(string option, string expected)
    {
        var (exit, _, error) = Run("--Security:TokenSecret=" + HubConfigurationTests.Secret, option);

        Assert.Equal(ConfigCheck.ExitInvalid, exit);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void CheckConfig_ValidFileWithATypo_ExitsZeroWithTheWarning()
    {
        var path = File($$"""{ "Security": { "TokenSecret": "{{HubConfigurationTests.Secret}}" }, "Mqtt": { "Prot": 1884 } }""");

        var (exit, output, _) = Run("--check-config", path);

        Assert.Equal(0, exit);
        Assert.Equal($"warning: configuration: Mqtt:Prot is not a known key and is ignored; did you mean Mqtt:Port?\n{path}: valid (1 warning)", output);
        Assert.Empty(Directory.GetFiles(_dir, "*.db"));
    }

    [Fact]
    public void CheckConfig_BrokenFile_ExitsTwoListingEveryProblem()
    {
        var path = File("""
            { "Http": { "Urls": "https://0.0.0.0:8443" },
              "Security": { "TokenSecret": "too-short" },
              "Admin": { "User": "admin", "Password": "<a password of your own>" } }
            """);

        var (exit, output, _) = Run("--check-config", path, "--Dial:Timeout=1h");

        Assert.Equal(ConfigCheck.ExitInvalid, exit);
        Assert.Equal(
            [
                "configuration: Http:Urls = \"https://0.0.0.0:8443\" is invalid; expected http:// URLs, or https:// ones with Http:Certificate and Http:CertificateKey set",
                "configuration: Security:TokenSecret = \"(hidden)\" is invalid; expected a secret of at least 32 characters (generate one: openssl rand -base64 48)",
                "configuration: Dial:Timeout = \"1h\" is invalid; expected a duration from 1s to 10m such as 30s, 10m or 1h",
                "configuration: Admin:Password = \"(hidden)\" is invalid; expected a password of its own, not an example from the documentation",
                $"{path}: 4 problems",
            ],
            output.Split('\n'));
        Assert.DoesNotContain("too-short", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_NotJson_ExitsTwoNamingTheLine()
    {
        var path = File("{ \"Mqtt\": {\n  \"Port\": 1883,, } }");

        var (exit, output, _) = Run("--check-config", path);

        Assert.Equal(ConfigCheck.ExitInvalid, exit);
        Assert.StartsWith($"configuration: {path} is not valid JSON at line 2", output, StringComparison.Ordinal);
    }
}

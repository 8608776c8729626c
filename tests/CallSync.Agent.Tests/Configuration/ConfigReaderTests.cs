using CallSync.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Tests.Configuration;

/// <summary>The declaration-driven reader on a small schema of its own: problems, lists, maps, secrets, unknown keys, the reference.</summary>
public sealed class ConfigReaderTests
{
    private static readonly ConfigSection Net = new("Net", "A test section.");
    private static readonly ConfigKey<int> Port = Net.Add("Port", ConfigValues.Number(1, 65535), 80, "the port");
    private static readonly ConfigKey<string> Name = Net.Required("Name", ConfigValues.Text("a name"), "the name");
    private static readonly ConfigKey<string?> Token = Net.Optional("Token", ConfigValues.Text("a token of at most 8 characters", maxLength: 8),
        "the token", ConfigKeyFlags.Secret);
    private static readonly ConfigKey<TimeSpan> Idle = Net.Add("Idle", ConfigValues.DurationOrOff(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
        TimeSpan.FromSeconds(30), "idle time", ConfigKeyFlags.Reserved);
    private static readonly ConfigListKey<int> Ports = Net.List("Ports", ConfigValues.Number(1, 9), [1, 2], "ports");
    private static readonly ConfigKey<bool> Deep = Net.Add("Tls:On", ConfigValues.Bool(), false, "TLS");
    private static readonly ConfigMapKey<string, LogLevel> Levels = LoggingKeys.LogLevel;
    private static readonly ConfigSchema Schema = new("test", [Net, LoggingKeys.Section]);

    private static ConfigReader Reader(params (string Key, string? Value)[] values) => new(Config(values));

    private static IConfiguration Config(params (string Key, string? Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();

    [Fact]
    public void Get_UnsetKeys_DefaultsAndOneProblemForTheRequiredOne()
    {
        var reader = Reader();

        Assert.Equal(80, reader.Get(Port));
        Assert.Equal([1, 2], reader.Get(Ports));
        Assert.Null(reader.Get(Token));
        Assert.Null(reader.Get(Name));
        Assert.Equal("configuration: Net:Name is missing; expected a name", Assert.Single(reader.Problems).Message);
    }

    [Fact]
    public void Get_SeveralBadValues_EveryOneRecordedInReadingOrder()
    {
        var reader = Reader(("Net:Port", "0"), ("Net:Name", "n"), ("Net:Idle", "forever"), ("Net:Tls:On", "maybe"));

        Assert.Equal(80, reader.Get(Port));
        Assert.Equal("n", reader.Get(Name));
        Assert.Equal(TimeSpan.FromSeconds(30), reader.Get(Idle));
        Assert.False(reader.Get(Deep));

        Assert.Equal(
            [
                "configuration: Net:Port = \"0\" is invalid; expected a whole number from 1 to 65535",
                "configuration: Net:Idle = \"forever\" is invalid; expected off (or 0), or a duration from 1s to 1h such as 30s, 10m or 1h",
                "configuration: Net:Tls:On = \"maybe\" is invalid; expected true or false",
            ],
            reader.Problems.Select(p => p.Message));
        Assert.True(reader.HasProblem(Port));
        Assert.False(reader.HasProblem(Name));
    }

    [Fact]
    public void Get_BadSecret_ValueHidden()
    {
        var reader = Reader(("Net:Token", "much-too-long-secret"));

        Assert.Null(reader.Get(Token));
        var problem = Assert.Single(reader.Problems);
        Assert.Equal("configuration: Net:Token = \"(hidden)\" is invalid; expected a token of at most 8 characters", problem.Message);
        Assert.DoesNotContain("much-too-long", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_ValueWithLineBreak_RefusedAndShownOnOneLine()
    {
        var reader = Reader(("Net:Name", "desk\nconfiguration: forged"));

        reader.Get(Name);

        Assert.Equal("configuration: Net:Name = \"desk?configuration: forged\" is invalid; expected a name", Assert.Single(reader.Problems).Message);
    }

    [Fact]
    public void Get_GroupWhereAValueBelongs_IsAProblem()
    {
        var reader = Reader(("Net:Port:Number", "5"));

        Assert.Equal(80, reader.Get(Port));
        Assert.Equal("configuration: Net:Port = \"{...}\" is invalid; expected a whole number from 1 to 65535", Assert.Single(reader.Problems).Message);
    }

    [Theory]
    [InlineData("off", 0)]
    [InlineData("0", 0)]
    [InlineData("90s", 90)]
    [InlineData("00:02:00", 120)]
    public void Get_DurationOrOff_EveryForm(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Reader(("Net:Idle", text)).Get(Idle));

    [Fact]
    public void Get_ListAsArrayOrCommas_SameItems()
    {
        Assert.Equal([3, 4, 5], Reader(("Net:Ports:0", "3"), ("Net:Ports:1", "4"), ("Net:Ports:2", "5")).Get(Ports));
        Assert.Equal([3, 4, 5], Reader(("Net:Ports", "3, 4,5")).Get(Ports));
    }

    [Fact]
    public void Get_ListWithBadAndRepeatedItems_EachNamedByIndex()
    {
        var reader = Reader(("Net:Ports:0", "3"), ("Net:Ports:1", "10"), ("Net:Ports:2", "3"), ("Net:Ports:x", "4"));

        Assert.Equal([3], reader.Get(Ports));
        Assert.Equal(
            [
                "configuration: Net:Ports:1 = \"10\" is invalid; expected a whole number from 1 to 9",
                "configuration: Net:Ports:2 = \"3\" is invalid; expected a value not already in the list",
                "configuration: Net:Ports:x = \"4\" is invalid; expected a list item (Net:Ports:0, Net:Ports:1, ...) holding a whole number from 1 to 9",
            ],
            reader.Problems.Select(p => p.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Get_ListLongerThanTheCap_Refused()
    {
        var reader = Reader([.. Enumerable.Range(0, ConfigListKey<int>.MaxItems + 1).Select(i => ($"Net:Ports:{i}", (string?)"1"))]);

        Assert.Equal([1, 2], reader.Get(Ports));
        Assert.Equal($"configuration: Net:Ports = \"{ConfigListKey<int>.MaxItems + 1} items\" is invalid; expected at most {ConfigListKey<int>.MaxItems} items",
            Assert.Single(reader.Problems).Message);
    }

    [Fact]
    public void Get_MapOfLogLevels_NamesAndLevelsChecked()
    {
        var reader = Reader(("Logging:LogLevel:Default", "Warning"), ("Logging:LogLevel:CallSync.Sip", "debug"), ("Logging:LogLevel:Other", "Loud"),
            ("Logging:LogLevel:Numeric", "2"), ("Logging:LogLevel:Empty", ""));

        var levels = LoggingKeys.Read(reader);

        Assert.Equal(LogLevel.Warning, levels["Default"]);
        Assert.Equal(LogLevel.Debug, levels["CallSync.Sip"]);
        Assert.Equal(2, levels.Count);
        Assert.Equal(
            [
                "configuration: Logging:LogLevel:Empty is missing; expected Trace, Debug, Information, Warning, Error, Critical or None",
                "configuration: Logging:LogLevel:Numeric = \"2\" is invalid; expected Trace, Debug, Information, Warning, Error, Critical or None",
                "configuration: Logging:LogLevel:Other = \"Loud\" is invalid; expected Trace, Debug, Information, Warning, Error, Critical or None",
            ],
            reader.Problems.Select(p => p.Message).Order(StringComparer.Ordinal));
        Assert.Same(Levels, LoggingKeys.LogLevel);
    }

    [Fact]
    public void FindUnknownKeys_NearMisses_SuggestTheDeclaredKey()
    {
        var warnings = Schema.FindUnknownKeys(Config(
            ("Net:Prot", "1"), ("Nett:Port", "1"), ("Net:Tls:Onn", "true"), ("Logging:Console:FormatterName", "json"),
            ("Telemetry:Endpoint", "x"), ("Net:Port", "5"), ("Net:Ports:0", "1"), ("Logging:LogLevel:Anything", "Debug")));

        Assert.Equal(
            [
                new ConfigWarning("Logging:Console", null),
                new ConfigWarning("Net:Prot", "Net:Port"),
                new ConfigWarning("Net:Tls:Onn", "Net:Tls:On"),
                new ConfigWarning("Nett", "Net"),
                new ConfigWarning("Telemetry", null),
            ],
            warnings.OrderBy(w => w.Key, StringComparer.Ordinal));
        Assert.Equal("configuration: Net:Prot is not a known key and is ignored; did you mean Net:Port?", warnings.Single(w => w.Key == "Net:Prot").Message);
    }

    [Fact]
    public void FindUnknownKeys_KeyWithALineBreakOrAnEmptyName_ShownOnOneLine()
    {
        var warnings = Schema.FindUnknownKeys(Config(("Net:a\nb", "1"), ("Net:", "2")));

        Assert.Equal(["configuration: \"Net:\" is not a known key and is ignored", "configuration: Net:a?b is not a known key and is ignored"],
            warnings.Select(w => w.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FindUnknownKeys_KeysInAnyCase_AreKnown() =>
        Assert.Empty(Schema.FindUnknownKeys(Config(("net:port", "5"), ("NET:TLS:ON", "true"))));

    [Fact]
    public void FindUnknownKeys_AFileOfJunk_ReportsAtMostTheCap() =>
        Assert.Equal(ConfigSchema.MaxWarnings,
            Schema.FindUnknownKeys(Config([.. Enumerable.Range(0, 500).Select(i => ($"Junk{i}", (string?)"x"))])).Count);

    [Fact]
    public void Summary_ManyProblems_OneLineWithTheCount()
    {
        var report = new ConfigReport(
            [new ConfigProblem("A:B", "1", "2"), new ConfigProblem("C:D", null, "3"), new ConfigProblem("E:F", "4", "5")], []);

        Assert.Equal("configuration: A:B = \"1\" is invalid; expected 2 (and 2 more: prog --check-config FILE lists them all)",
            report.Summary("prog --check-config FILE"));
    }

    [Fact]
    public void Write_Schema_TablePerSectionWithSecretsAndReservedMarked()
    {
        var reference = ConfigReference.Write(Schema);

        Assert.StartsWith("### Net\n\nA test section.\n\n| key | accepts | default | meaning |\n|---|---|---|---|\n", reference, StringComparison.Ordinal);
        Assert.Contains("| `Net:Port` | a whole number from 1 to 65535 | `80` | the port |\n", reference, StringComparison.Ordinal);
        Assert.Contains("| `Net:Name` | a name | (required) | the name |\n", reference, StringComparison.Ordinal);
        Assert.Contains("| `Net:Token` | a token of at most 8 characters | none | the token (a secret: never shown in messages or logs) |\n", reference,
            StringComparison.Ordinal);
        Assert.Contains("| `Net:Idle` | off (or 0), or a duration from 1s to 1h such as 30s, 10m or 1h | `30s` | **reserved** (validated, not acted upon yet): idle time |\n",
            reference, StringComparison.Ordinal);
        Assert.Contains("| `Net:Ports` | a whole number from 1 to 9; several as a JSON array or separated by commas | `1, 2` | ports |\n", reference,
            StringComparison.Ordinal);
        Assert.Contains("| `Logging:LogLevel:<category>` |", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_DocumentWithMarkers_ReturnsTheLinesBetween()
    {
        const string Document = "# Title\r\n\r\n<!-- BEGIN generated configuration reference: x -->\r\n### A\n| row |\n<!-- END generated configuration reference -->\nafter\n";

        Assert.Equal("### A\n| row |\n", ConfigReference.Generated(Document));
        Assert.Null(ConfigReference.Generated("# no markers\n"));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    [InlineData("00:00:30", 30_000)]
    public void Duration_EveryForm_Parses(string text, int ms)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }

    [Theory]
    [InlineData(20, "20ms")]
    [InlineData(1500, "1.5s")]
    [InlineData(90_000, "90s")]
    [InlineData(600_000, "10m")]
    [InlineData(86_400_000, "1d")]
    [InlineData(0, "0s")]
    public void Duration_Format_AsAFileWouldSayIt(int ms, string text) => Assert.Equal(text, Duration.Format(TimeSpan.FromMilliseconds(ms)));

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("12345678901234567890123456789012345s")]
    public void Duration_NegativeOrOversized_Refused(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData("--check-config", "usage: --check-config needs a file path")]
    [InlineData("--config", "usage: --config needs a file path")]
    public void TryParse_OptionWithoutFile_UsageLine(string option, string expected)
    {
        Assert.False(ConfigCommand.TryParse([option], out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_CheckConfigWithOverrides_CheckModeFileAndSwitches()
    {
        Assert.True(ConfigCommand.TryParse(["--check-config", "a.json", "--Sip:MaxCalls=3"], out var command, out _));
        Assert.Equal(new ConfigCommand(ConfigCommandKind.Check, "a.json", command.Switches), command);
        Assert.Equal(["--Sip:MaxCalls=3"], command.Switches);
        Assert.False(ConfigCommand.TryParse(["--check-config", "a.json", "--config", "b.json"], out _, out var error));
        Assert.StartsWith("usage: name one configuration file", error, StringComparison.Ordinal);
    }
}

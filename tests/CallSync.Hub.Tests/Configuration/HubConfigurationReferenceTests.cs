using System.Text.RegularExpressions;
using CallSync.Configuration;
using CallSync.Hub.Configuration;

namespace CallSync.Hub.Tests.Configuration;

/// <summary>docs/hub-configuration.md carries the generated reference, and no secret it prints can be used.</summary>
public sealed partial class HubConfigurationReferenceTests
{
    private static string RepositoryFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, relative)))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new FileNotFoundException(relative), relative);
    }

    [Fact]
    public void Docs_GeneratedReference_MatchesTheDeclarations()
    {
        var document = File.ReadAllText(RepositoryFile("docs/hub-configuration.md"));

        Assert.True(ConfigReference.Generated(document) == ConfigReference.Write(HubOptionsReader.Schema),
            "docs/hub-configuration.md is stale: run `make config-docs` (deploy/config-docs.sh) and commit the result");
    }

    [Fact]
    public void Docs_EverySecretTheyPrint_IsRefused()
    {
        var docs = Directory.GetFiles(Path.GetDirectoryName(RepositoryFile("docs/hub-configuration.md"))!, "*.md")
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("hub-", StringComparison.Ordinal) || name == "security.md"));
        var examples = docs.SelectMany(path => SecretExample().Matches(File.ReadAllText(path)))
            .Select(match => (Key: match.Groups["key"].Value, match.Groups["value"].Value))
            .ToList();

        Assert.Contains(examples, e => e.Key == "TokenSecret");
        foreach (var (key, value) in examples)
        {
            var values = key == "TokenSecret"
                ? [("Security:TokenSecret", value)]
                : new[] { ("Security:TokenSecret", HubConfigurationTests.Secret), ("Admin:User", "admin"), ("Admin:Password", value) };
            Assert.Null(HubConfigurationTests.Read(out var report, values));
            Assert.Contains(report.Problems, p => p.Key is "Security:TokenSecret" or "Admin:Password");
        }
    }

    [GeneratedRegex("\"(?<key>TokenSecret|Password)\"\\s*:\\s*\"(?<value>[^\"]*)\"")]
    private static partial Regex SecretExample();
}

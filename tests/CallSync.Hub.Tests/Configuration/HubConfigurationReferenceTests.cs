using System.Text.RegularExpressions;
using CallSync.Configuration;
using CallSync.Hub.Configuration;

namespace CallSync.Hub.Tests.Configuration;

/// <summary>
/// docs/hub-configuration.md (as embedded in the hub at build time, i.e. the file in this tree) carries the generated
/// reference, and no secret the hub's docs print can be used.
/// </summary>
public sealed partial class HubConfigurationReferenceTests
{
    [Fact]
    public void Docs_GeneratedReference_MatchesTheDeclarations() =>
        Assert.True(ConfigReference.Generated(HubDocuments.All["hub-configuration.md"]) == ConfigReference.Write(HubOptionsReader.Schema),
            "docs/hub-configuration.md is stale: run `make config-docs` (deploy/config-docs.sh) and commit the result");

    [Fact]
    public void Docs_EverySecretTheyPrint_IsRefused()
    {
        var examples = HubDocuments.All.Values.SelectMany(document => SecretExample().Matches(document))
            .Select(match => (Key: match.Groups["key"].Value, match.Groups["value"].Value))
            .ToList();

        Assert.Contains(examples, e => e.Key == "TokenSecret");
        Assert.Contains(examples, e => e.Key == "Password");
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

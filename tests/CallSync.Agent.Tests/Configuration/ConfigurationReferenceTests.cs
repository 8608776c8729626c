using CallSync.Agent.Configuration;
using CallSync.Configuration;

namespace CallSync.Agent.Tests.Configuration;

/// <summary>docs/configuration.md carries the reference generated from the key declarations, as they are now.</summary>
public sealed class ConfigurationReferenceTests
{
    internal static string RepositoryFile(string relative)
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
        var document = File.ReadAllText(RepositoryFile("docs/configuration.md"));

        Assert.True(ConfigReference.Generated(document) == ConfigReference.Write(AgentOptionsReader.Schema),
            "docs/configuration.md is stale: run `make config-docs` (deploy/config-docs.sh) and commit the result");
    }

    [Fact]
    public void Schema_EveryKeyTheExampleUses_IsDeclaredOnce()
    {
        var keys = AgentOptionsReader.Schema.Sections.SelectMany(s => s.Keys).Select(k => k.Path).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Sip:AutoAnswer", keys);
        Assert.Contains("Sip:Tls:PrivateKey", keys);
        Assert.DoesNotContain(AgentOptionsReader.Schema.Sections.SelectMany(s => s.Keys), k => k.IsReserved); // every declared key is live
    }
}

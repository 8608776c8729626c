namespace CallSync.Hub.Configuration;

/// <summary>
/// The hub's own documentation (docs/hub-*.md, docs/security.md), embedded at build time: what
/// <see cref="SecretRules"/> searches for example secrets, and what the tests compare the generated reference with.
/// </summary>
internal static class HubDocuments
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Documents = new(Load);

    /// <summary>The documents by name (<c>hub-configuration.md</c>), with "\n" line ends.</summary>
    public static IReadOnlyDictionary<string, string> All => Documents.Value;

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(HubDocuments).Assembly;
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("docs/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            documents[name["docs/".Length..]] = reader.ReadToEnd().ReplaceLineEndings("\n");
        }

        return documents;
    }
}

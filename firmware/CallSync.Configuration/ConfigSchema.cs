using Microsoft.Extensions.Configuration;

namespace CallSync.Configuration;

/// <summary>
/// Every section a program declares: the source of the unknown-key warnings and of the configuration reference.
/// </summary>
public sealed class ConfigSchema
{
    /// <summary>The most unknown keys reported; a file with more is not a configuration with typos.</summary>
    public const int MaxWarnings = 100;

    // Every declared path and every path above one (Sip, Sip:Tls), each with its declared spelling; a key's node
    // ends the walk (a list's items and a map's entries are the reader's to check).
    private readonly Dictionary<string, (string Spelling, bool IsKey)> _nodes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A schema of <paramref name="sections"/>, in the order the reference lists them.</summary>
    public ConfigSchema(string program, IReadOnlyList<ConfigSection> sections)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        ArgumentNullException.ThrowIfNull(sections);
        Program = program;
        Sections = sections;
        foreach (var key in sections.SelectMany(s => s.Keys))
        {
            var segments = key.Path.Split(':');
            for (var n = 1; n < segments.Length; n++)
            {
                _nodes.TryAdd(string.Join(':', segments[..n]), (string.Join(':', segments[..n]), false));
            }

            _nodes[key.Path] = (key.Path, true);
        }
    }

    /// <summary>The program's name, e.g. <c>callsync-agent</c>.</summary>
    public string Program { get; }

    /// <summary>The sections, in reference order.</summary>
    public IReadOnlyList<ConfigSection> Sections { get; }

    /// <summary>
    /// Keys in <paramref name="configuration"/> that no declaration knows, each with the nearest declared key when
    /// one is close (a typo such as <c>AutoAnswr</c>, or the right key in the wrong section).
    /// </summary>
    public IReadOnlyList<ConfigWarning> FindUnknownKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var warnings = new List<ConfigWarning>();
        Visit(configuration.GetChildren(), warnings);
        return warnings;
    }

    private void Visit(IEnumerable<IConfigurationSection> children, List<ConfigWarning> warnings)
    {
        foreach (var child in children)
        {
            if (warnings.Count == MaxWarnings)
            {
                return;
            }

            if (!_nodes.TryGetValue(child.Path, out var node))
            {
                warnings.Add(new ConfigWarning(child.Path, Suggest(child.Path)));
            }
            else if (!node.IsKey)
            {
                Visit(child.GetChildren(), warnings);
            }
        }
    }

    // The nearest declared path of the same depth, if within a few edits (more for longer names).
    private string? Suggest(string path)
    {
        if (path.Length > 200)
        {
            return null;
        }

        var depth = path.Count(c => c == ':');
        var last = path[(path.LastIndexOf(':') + 1)..];
        var limit = Math.Clamp(last.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (spelling, _) in _nodes.Values)
        {
            if (spelling.Count(c => c == ':') != depth)
            {
                continue;
            }

            var distance = EditDistance.Between(path, spelling);
            if (distance <= limit && distance < bestDistance)
            {
                best = spelling;
                bestDistance = distance;
            }
        }

        return best;
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CallSync.Configuration;

/// <summary>
/// Reads declared keys from raw configuration (file, environment, command line) into typed values. Never throws
/// on a value: a bad one is recorded as a <see cref="ConfigProblem"/> and the key's default is returned, so one
/// pass finds every problem. Rules that span keys add theirs with <see cref="Fail(ConfigKey, string)"/>.
/// </summary>
public sealed class ConfigReader
{
    private const string Group = "{...}";

    private readonly IConfiguration _configuration;
    private readonly List<ConfigProblem> _problems = [];
    private readonly HashSet<string> _failed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A reader over <paramref name="configuration"/>.</summary>
    public ConfigReader(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
    }

    /// <summary>Every problem found so far, in reading order.</summary>
    public IReadOnlyList<ConfigProblem> Problems => _problems;

    /// <summary>Reads one value: its default when not set, its default and a problem when invalid.</summary>
    public T Get<T>(ConfigKey<T> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var node = _configuration.GetSection(key.Path);
        if (IsGroup(node))
        {
            Fail(key.Path, Group, key.Accepts);
            return key.Default;
        }

        var text = Text(node.Value, key.Flags.HasFlag(ConfigKeyFlags.EmptyIsValue));
        if (text is null)
        {
            if (key.IsRequired)
            {
                Missing(key.Path, key.Accepts);
            }

            return key.Default;
        }

        if (key.Value.TryParse(text, out var value))
        {
            return value;
        }

        Fail(key.Path, Shown(key, text), key.Accepts);
        return key.Default;
    }

    /// <summary>Reads a list: its default when not set; invalid and repeated items are problems.</summary>
    public IReadOnlyList<T> Get<T>(ConfigListKey<T> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var node = _configuration.GetSection(key.Path);
        var items = new List<(string Path, string Text)>();
        if (Text(node.Value, emptyIsValue: false) is { } single)
        {
            items.AddRange(single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(item => (key.Path, item)));
        }
        else
        {
            foreach (var child in node.GetChildren())
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _) || IsGroup(child))
                {
                    Fail(child.Path, Shown(key, child.Value ?? Group), $"a list item ({key.Path}:0, {key.Path}:1, ...) holding {key.Item.Accepts}");
                    continue;
                }

                items.Add((child.Path, child.Value?.Trim() ?? string.Empty));
            }
        }

        if (items.Count == 0)
        {
            return node.GetChildren().Any() ? [] : key.Default;
        }

        if (items.Count > ConfigListKey<T>.MaxItems)
        {
            Fail(key.Path, $"{items.Count} items", $"at most {ConfigListKey<T>.MaxItems} items");
            return key.Default;
        }

        var values = new List<T>(items.Count);
        foreach (var (path, text) in items)
        {
            if (!key.Item.TryParse(text, out var value))
            {
                Fail(path, Shown(key, text), key.Item.Accepts);
            }
            else if (values.Contains(value))
            {
                Fail(path, Shown(key, text), "a value not already in the list");
            }
            else
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>Reads a map's entries: bad names and bad values are problems, the rest is returned in file order.</summary>
    public IReadOnlyList<ConfigEntry<TName, TValue>> Get<TName, TValue>(ConfigMapKey<TName, TValue> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var node = _configuration.GetSection(key.Path);
        if (Text(node.Value, emptyIsValue: false) is { } text)
        {
            Fail(key.Path, Shown(key, text), $"entries {key.ReferenceName} (a JSON object), not one value");
            return [];
        }

        var entries = new List<ConfigEntry<TName, TValue>>();
        foreach (var child in node.GetChildren())
        {
            if (entries.Count == ConfigMapKey<TName, TValue>.MaxEntries)
            {
                Fail(key.Path, $"more than {ConfigMapKey<TName, TValue>.MaxEntries} entries", $"at most {ConfigMapKey<TName, TValue>.MaxEntries} entries");
                break;
            }

            var value = IsGroup(child) ? Group : Text(child.Value, emptyIsValue: false);
            if (!key.Names.TryParse(child.Key, out var name))
            {
                Fail(child.Path, Shown(key, value ?? string.Empty), key.Names.Accepts);
            }
            else if (value is null)
            {
                Missing(child.Path, key.Values.Accepts);
            }
            else if (!key.Values.TryParse(value, out var parsed))
            {
                Fail(child.Path, Shown(key, value), key.Values.Accepts);
            }
            else
            {
                entries.Add(new ConfigEntry<TName, TValue>(child.Path, name, parsed));
            }
        }

        return entries;
    }

    /// <summary>True when the section holds any key (e.g. an <c>Mqtt</c> section, which switches the broker link on).</summary>
    public bool Exists(ConfigSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return _configuration.GetSection(section.Name).Exists();
    }

    /// <summary>True when the key has a (non-blank) value.</summary>
    public bool IsSet(ConfigKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var node = _configuration.GetSection(key.Path);
        return Text(node.Value, key.Flags.HasFlag(ConfigKeyFlags.EmptyIsValue)) is not null || node.GetChildren().Any();
    }

    /// <summary>
    /// True when a problem was recorded for the key or one of its items or entries (rules spanning keys skip keys
    /// that already failed).
    /// </summary>
    public bool HasProblem(ConfigKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _failed.Contains(key.Path) || _failed.Any(path => path.StartsWith(key.Path + ":", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Records that the key's value (hidden for a secret) breaks a rule spanning keys.</summary>
    public void Fail(ConfigKey key, string expected)
    {
        ArgumentNullException.ThrowIfNull(key);
        Fail(key, key.Path, expected);
    }

    /// <summary>Records that the value at <paramref name="path"/> (a list item or map entry of <paramref name="key"/>) breaks a rule spanning keys.</summary>
    public void Fail(ConfigKey key, string path, string expected)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(path);
        var node = _configuration.GetSection(path);
        var text = Text(node.Value, key.Flags.HasFlag(ConfigKeyFlags.EmptyIsValue))
            ?? (IsGroup(node) ? string.Join(", ", node.GetChildren().Select(child => child.Value ?? Group)) : null);
        if (text is null)
        {
            Missing(path, expected);
        }
        else
        {
            Fail(path, Shown(key, text), expected);
        }
    }

    /// <summary>
    /// Records a problem when only one of two keys that belong together is set (a certificate and its private key),
    /// naming the one left out.
    /// </summary>
    public void RequireTogether(ConfigKey first, string firstExpected, ConfigKey second, string secondExpected)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (IsSet(first) && !IsSet(second))
        {
            Missing(second.Path, secondExpected);
        }
        else if (IsSet(second) && !IsSet(first))
        {
            Missing(first.Path, firstExpected);
        }
    }

    /// <summary>Records that a key that must be set (given the others) is not.</summary>
    public void Missing(ConfigKey key, string expected)
    {
        ArgumentNullException.ThrowIfNull(key);
        Missing(key.Path, expected);
    }

    private void Fail(string path, string shown, string expected)
    {
        _problems.Add(new ConfigProblem(path, shown, expected));
        _failed.Add(path);
    }

    private void Missing(string path, string expected)
    {
        _problems.Add(new ConfigProblem(path, null, expected));
        _failed.Add(path);
    }

    private static string Shown(ConfigKey key, string text) => key.IsSecret ? ConfigProblem.Hidden : text;

    // A blank value is "not set" (an empty environment variable clears a key), unless the key says otherwise.
    private static string? Text(string? value, bool emptyIsValue) => value is null
        ? null
        : emptyIsValue ? value.Trim() : string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsGroup(IConfigurationSection node) => node.Value is null && node.GetChildren().Any();
}

namespace CallSync.Configuration;

/// <summary>
/// A section of the configuration (<c>Sip</c>, <c>Rtp</c>...) and the keys declared in it. Each key is declared
/// once, as a static field beside the code that reads it: the declaration registers it here, so the schema,
/// the unknown-key check and the reference all see exactly the keys the reader reads.
/// </summary>
public sealed class ConfigSection
{
    private readonly List<ConfigKey> _keys = [];

    /// <summary>A section.</summary>
    /// <param name="name">The section's name, e.g. <c>Sip</c>.</param>
    /// <param name="doc">A paragraph for the reference, above the section's table.</param>
    public ConfigSection(string name, string doc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(doc);
        Name = name;
        Doc = doc;
    }

    /// <summary>The section's name.</summary>
    public string Name { get; }

    /// <summary>The paragraph above the section's table in the reference (may be empty).</summary>
    public string Doc { get; }

    /// <summary>The keys, in declaration order.</summary>
    public IReadOnlyList<ConfigKey> Keys => _keys;

    /// <summary>Declares a key with a default.</summary>
    public ConfigKey<T> Add<T>(string name, ConfigValue<T> value, T defaultValue, string doc,
        ConfigKeyFlags flags = ConfigKeyFlags.None, string? defaultText = null) =>
        Register(new ConfigKey<T>(this, name, value, defaultValue, required: false, doc, flags, defaultText));

    /// <summary>Declares a key that must be set; a failed read returns <c>default</c>.</summary>
    public ConfigKey<T> Required<T>(string name, ConfigValue<T> value, string doc, ConfigKeyFlags flags = ConfigKeyFlags.None)
        where T : notnull =>
        Register(new ConfigKey<T>(this, name, value, default!, required: true, doc, flags, defaultText: null));

    /// <summary>Declares a key that may be left out (null).</summary>
    public ConfigKey<T?> Optional<T>(string name, ConfigValue<T> value, string doc,
        ConfigKeyFlags flags = ConfigKeyFlags.None, string? defaultText = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        var optional = value.Select<T?>(static v => v, v => v is null ? string.Empty : value.Format(v));
        return Register(new ConfigKey<T?>(this, name, optional, null, required: false, doc, flags, defaultText));
    }

    /// <summary>Declares a key of a value type that may be left out (null).</summary>
    public ConfigKey<T?> OptionalValue<T>(string name, ConfigValue<T> value, string doc,
        ConfigKeyFlags flags = ConfigKeyFlags.None, string? defaultText = null)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(value);
        var optional = value.Select<T?>(static v => v, v => v is { } set ? value.Format(set) : string.Empty);
        return Register(new ConfigKey<T?>(this, name, optional, null, required: false, doc, flags, defaultText));
    }

    /// <summary>Declares a list key.</summary>
    public ConfigListKey<T> List<T>(string name, ConfigValue<T> item, IReadOnlyList<T> defaultValue, string doc,
        ConfigKeyFlags flags = ConfigKeyFlags.None, string? defaultText = null) =>
        Register(new ConfigListKey<T>(this, name, item, defaultValue, doc, flags, defaultText));

    /// <summary>Declares a map key: entries named by <paramref name="names"/>, each holding a <paramref name="values"/>.</summary>
    public ConfigMapKey<TName, TValue> Map<TName, TValue>(string name, string placeholder, ConfigValue<TName> names, ConfigValue<TValue> values,
        string doc, ConfigKeyFlags flags = ConfigKeyFlags.None, string? defaultText = null) =>
        Register(new ConfigMapKey<TName, TValue>(this, name, placeholder, names, values, doc, flags, defaultText));

    private TKey Register<TKey>(TKey key)
        where TKey : ConfigKey
    {
        if (_keys.Exists(k => string.Equals(k.Path, key.Path, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"configuration key {key.Path} is declared twice");
        }

        _keys.Add(key);
        return key;
    }
}

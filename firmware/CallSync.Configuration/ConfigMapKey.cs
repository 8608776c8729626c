namespace CallSync.Configuration;

/// <summary>
/// A key holding named entries, e.g. <c>Board:KeyLines:Star = 14</c> or <c>Logging:LogLevel:CallSync.Sip = Debug</c>:
/// each entry's name and value are checked.
/// </summary>
public sealed class ConfigMapKey<TName, TValue> : ConfigKey
{
    /// <summary>The most entries a map may hold.</summary>
    public const int MaxEntries = 64;

    internal ConfigMapKey(ConfigSection section, string name, string placeholder, ConfigValue<TName> names, ConfigValue<TValue> values, string doc,
        ConfigKeyFlags flags, string? defaultText)
        : base(section, name, doc, flags, defaultText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(placeholder);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        Placeholder = placeholder;
        Names = names;
        Values = values;
    }

    /// <summary>How the entries' names are written in the reference, e.g. <c>&lt;key&gt;</c>.</summary>
    public string Placeholder { get; }

    /// <summary>How an entry's name is parsed and checked.</summary>
    public ConfigValue<TName> Names { get; }

    /// <summary>How an entry's value is parsed and checked.</summary>
    public ConfigValue<TValue> Values { get; }

    /// <inheritdoc />
    public override string Accepts => $"`{Placeholder}`: {Names.Accepts}; each value: {Values.Accepts}";

    /// <inheritdoc />
    public override string ReferenceName => $"{Path}:{Placeholder}";

    private protected override string DescribeDefault() => "none";
}

namespace CallSync.Configuration;

/// <summary>A key holding one value of type <typeparamref name="T"/>.</summary>
public sealed class ConfigKey<T> : ConfigKey
{
    internal ConfigKey(ConfigSection section, string name, ConfigValue<T> value, T defaultValue, bool required, string doc, ConfigKeyFlags flags,
        string? defaultText)
        : base(section, name, doc, flags, defaultText)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Default = defaultValue;
        IsRequired = required;
    }

    /// <summary>How the text is parsed and checked.</summary>
    public ConfigValue<T> Value { get; }

    /// <summary>The value when the key is not set (and what a failed read returns).</summary>
    public T Default { get; }

    /// <summary>A missing value is a problem.</summary>
    public bool IsRequired { get; }

    /// <inheritdoc />
    public override string Accepts => Value.Accepts;

    private protected override string DescribeDefault() =>
        IsRequired ? "(required)" : Default is null ? "none" : Code(Value.Format(Default));
}

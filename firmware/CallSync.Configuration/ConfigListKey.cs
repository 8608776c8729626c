namespace CallSync.Configuration;

/// <summary>
/// A key holding a list: a JSON array (<c>"Listen": ["udp:...", "tcp:..."]</c>, or <c>CALLSYNC_Sip__Listen__0</c>)
/// or one value with the items separated by commas (<c>--Sip:Codecs=PCMU,PCMA</c>). Items are distinct.
/// </summary>
public sealed class ConfigListKey<T> : ConfigKey
{
    /// <summary>The most items a list may hold.</summary>
    public const int MaxItems = 32;

    internal ConfigListKey(ConfigSection section, string name, ConfigValue<T> item, IReadOnlyList<T> defaultValue, string doc, ConfigKeyFlags flags,
        string? defaultText)
        : base(section, name, doc, flags, defaultText)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(defaultValue);
        Item = item;
        Default = defaultValue;
    }

    /// <summary>How one item is parsed and checked.</summary>
    public ConfigValue<T> Item { get; }

    /// <summary>The list when the key is not set.</summary>
    public IReadOnlyList<T> Default { get; }

    /// <inheritdoc />
    public override string Accepts => $"{Item.Accepts}; several as a JSON array or separated by commas";

    private protected override string DescribeDefault() =>
        Default.Count == 0 ? "none" : Code(string.Join(", ", Default.Select(Item.Format)));
}

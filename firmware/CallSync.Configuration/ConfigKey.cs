namespace CallSync.Configuration;

/// <summary>
/// One declared configuration key: its full name, what it accepts, its default and its line of documentation.
/// Declared once through <see cref="ConfigSection"/>; read through <see cref="ConfigReader"/>, checked for typos
/// by <see cref="ConfigSchema.FindUnknownKeys"/> and written into the reference by <see cref="ConfigReference"/>.
/// </summary>
public abstract class ConfigKey
{
    private readonly string? _defaultText;

    private protected ConfigKey(ConfigSection section, string name, string doc, ConfigKeyFlags flags, string? defaultText)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(doc);
        Path = $"{section.Name}:{name}";
        Doc = doc;
        Flags = flags;
        _defaultText = defaultText;
    }

    /// <summary>The full key, e.g. <c>Sip:AutoAnswer</c>.</summary>
    public string Path { get; }

    /// <summary>What the key does, one sentence for the reference.</summary>
    public string Doc { get; }

    /// <summary>Secret, reserved, empty-is-a-value.</summary>
    public ConfigKeyFlags Flags { get; }

    /// <summary>Never shown in messages.</summary>
    public bool IsSecret => Flags.HasFlag(ConfigKeyFlags.Secret);

    /// <summary>Validated but not acted upon yet.</summary>
    public bool IsReserved => Flags.HasFlag(ConfigKeyFlags.Reserved);

    /// <summary>What the key accepts, in words (the reference's "accepts" column).</summary>
    public abstract string Accepts { get; }

    /// <summary>The default as the reference shows it: a value in backticks, "none", "(required)" or a sentence.</summary>
    public string DefaultText => _defaultText ?? DescribeDefault();

    /// <summary>The key as the reference lists it: <c>Board:KeyLines:&lt;key&gt;</c> for a map.</summary>
    public virtual string ReferenceName => Path;

    private protected abstract string DescribeDefault();

    private protected static string Code(string text) => $"`{text}`";
}

namespace CallSync.Configuration;

/// <summary>How a key is treated beyond its value kind.</summary>
[Flags]
public enum ConfigKeyFlags
{
    /// <summary>An ordinary key.</summary>
    None = 0,

    /// <summary>The value is never shown: messages say "(hidden)"; the reference says it is a secret.</summary>
    Secret = 1,

    /// <summary>Read and validated, but not acted upon yet; the reference marks it "reserved".</summary>
    Reserved = 2,

    /// <summary>An empty text is a value of its own (passed to the parser) rather than "not set".</summary>
    EmptyIsValue = 4,
}

namespace CallSync.Sdp;

/// <summary>An <c>a=</c> line: a property attribute (<c>a=sendonly</c>) or a value attribute (<c>a=ptime:20</c>).</summary>
/// <param name="Name">The attribute name (an RFC 8866 token).</param>
/// <param name="Value">The value after the colon (no NUL, CR or LF; not empty), or null for a property attribute.</param>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>The attribute name.</summary>
    /// <exception cref="ArgumentException">The name is not a token.</exception>
    public string Name { get; init; } = SdpText.IsToken(Name) ? Name : throw new ArgumentException("An SDP attribute name is a token.", nameof(Name));

    /// <summary>The value, or null.</summary>
    /// <exception cref="ArgumentException">The value is empty or holds NUL, CR or LF.</exception>
    public string? Value { get; init; } = Value is null || SdpText.IsByteString(Value) ? Value : throw new ArgumentException("An SDP attribute value is a non-empty byte-string.", nameof(Value));

    /// <summary>True when <paramref name="name"/> and <paramref name="value"/> make a valid attribute line.</summary>
    public static bool IsValid(ReadOnlySpan<char> name, string? value) => SdpText.IsToken(name) && (value is null || SdpText.IsByteString(value));

    /// <inheritdoc />
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}

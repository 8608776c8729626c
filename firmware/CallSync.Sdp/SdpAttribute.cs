namespace CallSync.Sdp;

/// <summary>An <c>a=</c> line: a property attribute (<c>a=sendonly</c>) or a value attribute (<c>a=ptime:20</c>).</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Value">The value after the colon, or null for a property attribute.</param>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <inheritdoc />
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}

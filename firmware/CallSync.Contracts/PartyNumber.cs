namespace CallSync.Contracts;

/// <summary>A telephone number as dialled or presented, plus its normalised form (see <see cref="PhoneNumbers"/>).</summary>
public sealed record PartyNumber
{
    /// <summary>The number exactly as dialled (outgoing) or presented in From/To (incoming).</summary>
    public required string Raw { get; init; }

    /// <summary>Digits with an optional leading '+', or null when <see cref="Raw"/> has no usable digits.</summary>
    public string? Normalized { get; init; }

    /// <summary>Builds the pair from a raw number with the documented normalisation rule.</summary>
    public static PartyNumber From(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return new PartyNumber { Raw = raw, Normalized = PhoneNumbers.Normalize(raw) };
    }
}

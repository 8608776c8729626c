namespace CallSync.Contracts;

/// <summary>Arguments of a <see cref="DeviceCommand"/>.</summary>
public sealed record CommandArgs
{
    /// <summary>The number to dial (dial only); see <see cref="PhoneNumbers.IsDiallable"/>.</summary>
    public string? Number { get; init; }
}

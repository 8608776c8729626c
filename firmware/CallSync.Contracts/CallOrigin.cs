namespace CallSync.Contracts;

/// <summary>What started the call and, for remote commands, which command.</summary>
public sealed record CallOrigin
{
    /// <summary>Where the call came from.</summary>
    public required OriginKind Kind { get; init; }

    /// <summary>The remote command's id when <see cref="Kind"/> is <see cref="OriginKind.Remote"/> (or a companion request id).</summary>
    public string? CommandId { get; init; }
}

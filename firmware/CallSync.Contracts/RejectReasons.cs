namespace CallSync.Contracts;

/// <summary>Values of <see cref="CommandReply.Reason"/> for <see cref="ReplyStatus.Rejected"/> replies.</summary>
public static class RejectReasons
{
    /// <summary>The signature does not match the canonical form under the device's key.</summary>
    public const string BadSignature = "bad-signature";

    /// <summary>Now is after expiresAt plus the clock-skew allowance.</summary>
    public const string Expired = "expired";

    /// <summary>Now is before issuedAt minus the clock-skew allowance.</summary>
    public const string NotYetValid = "not-yet-valid";

    /// <summary>expiresAt is before issuedAt, or the validity window is longer than the replay window (24 h).</summary>
    public const string BadValidity = "bad-validity";

    /// <summary>The dial number is missing or has no valid normalised form.</summary>
    public const string BadNumber = "bad-number";

    /// <summary>The type is not one of <see cref="CommandTypes"/>.</summary>
    public const string UnknownType = "unknown-type";

    /// <summary>The payload is larger than 16 KiB.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The payload is not a JSON command object or a required field is missing.</summary>
    public const string Malformed = "malformed";

    /// <summary>The phone is in a call or already executing a dial command.</summary>
    public const string Busy = "busy";
}

namespace CallSync.Sdp;

/// <summary>The result of answering an offer.</summary>
/// <param name="Session">The answer to send (every offered stream present; rejected ones with port 0).</param>
/// <param name="Media">The accepted audio stream, or null when no audio stream could be accepted.</param>
/// <param name="Refusal">Why no audio stream was accepted, when <paramref name="Media"/> is null.</param>
public sealed record SdpAnswer(SdpSessionDescription Session, SdpNegotiatedMedia? Media, SdpRefusal? Refusal)
{
    /// <summary>The refusal text (for a Warning header's warn-text and the log), or null when accepted.</summary>
    public string? Reason => Refusal?.Text;

    /// <summary>The refusal's warn-code (RFC 3261 section 20.43), or null when accepted.</summary>
    public int? WarningCode => Refusal?.WarningCode;
}

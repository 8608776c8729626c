namespace CallSync.Sdp;

/// <summary>The result of answering an offer.</summary>
/// <param name="Session">The answer to send (every offered stream present; rejected ones with port 0).</param>
/// <param name="Media">The accepted audio stream, or null when no audio stream could be accepted.</param>
/// <param name="Reason">Why no audio stream was accepted, when <paramref name="Media"/> is null.</param>
public sealed record SdpAnswer(SdpSessionDescription Session, SdpNegotiatedMedia? Media, string? Reason);

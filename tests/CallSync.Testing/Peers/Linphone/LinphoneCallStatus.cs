namespace CallSync.Testing.Peers.Linphone;

/// <summary>What <c>call-status</c> says about a call: its state (e.g. LinphoneCallStreamsRunning) and peer.</summary>
/// <param name="State">linphone's state name; "Released" once linphone no longer knows the call.</param>
/// <param name="From">The other party's address.</param>
/// <param name="Direction">"in" or "out".</param>
public sealed record LinphoneCallStatus(string State, string? From, string? Direction)
{
    /// <summary>The state linphone reports when media flows both ways.</summary>
    public const string StreamsRunning = "LinphoneCallStreamsRunning";

    public const string Paused = "LinphoneCallPaused";

    public const string PausedByRemote = "LinphoneCallPausedByRemote";

    /// <summary>An incoming call ringing (not auto-answered).</summary>
    public const string IncomingReceived = "LinphoneCallIncomingReceived";

    /// <summary>Not a linphone state: the call is gone (ended and released, or never existed).</summary>
    public const string Released = "Released";

    public bool IsGone => State == Released;
}

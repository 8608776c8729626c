using CallSync.Sdp;
using CallSync.Sip.Authentication;
using CallSync.Sip.Media;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// One call and its dialog (RFC 3261 section 12): tags, Call-ID, CSeq counters, remote target and route
/// set. The agent answers, rejects and hangs up through it; <see cref="Completion"/> yields the outcome.
/// </summary>
public sealed class SipCall
{
    private readonly SipUserAgent _owner;
    private readonly TaskCompletionSource<SipCallOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SipCall(SipUserAgent owner, string callId, SipCallDirection direction, SipNameAddress local, SipNameAddress remote, DateTimeOffset startedAt)
    {
        _owner = owner;
        CallId = callId;
        Direction = direction;
        Local = local;
        Remote = remote;
        StartedAt = startedAt;
    }

    /// <summary>The SIP Call-ID.</summary>
    public string CallId { get; }

    /// <summary>Incoming or outgoing.</summary>
    public SipCallDirection Direction { get; }

    /// <summary>The current state.</summary>
    public SipCallState State { get; internal set; }

    /// <summary>The remote party's URI.</summary>
    public string RemoteUri => Remote.Uri.ToString();

    /// <summary>The remote party's user part (the number), or null.</summary>
    public string? RemoteNumber => Remote.Uri.User;

    /// <summary>The remote display name, or null.</summary>
    public string? RemoteDisplayName => Remote.DisplayName;

    /// <summary>The local URI.</summary>
    public string LocalUri => Local.Uri.ToString();

    /// <summary>The dialog's route set (Record-Route, in the order requests use it); empty without proxies.</summary>
    public IReadOnlyList<string> Routes => [.. RouteSet.Select(r => r.ToString())];

    /// <summary>The last negotiated media, or null before the answer.</summary>
    public SdpNegotiatedMedia? Media { get; internal set; }

    /// <summary>The negotiated session interval (RFC 4028), or null when the call runs without a session timer.</summary>
    public TimeSpan? SessionInterval { get; internal set; }

    /// <summary>True when this side refreshes the session (re-INVITE at half the interval); false when the peer does.</summary>
    public bool IsSessionRefresher { get; internal set; }

    /// <summary>The outcome once ended, else null.</summary>
    public SipCallOutcome? Outcome { get; private set; }

    /// <summary>Completes with the outcome when the call ends.</summary>
    public Task<SipCallOutcome> Completion => _completion.Task;

    internal Lock Gate { get; } = new();

    internal SipNameAddress Local { get; set; }

    internal SipNameAddress Remote { get; set; }

    internal string LocalTag => Local.Tag ?? string.Empty;

    internal string? RemoteTag => Remote.Tag;

    internal SipUri? RemoteTarget { get; set; }

    internal IReadOnlyList<SipNameAddress> RouteSet { get; set; } = [];

    internal uint LocalSequence { get; set; }

    internal uint? RemoteSequence { get; set; }

    internal ICallMedia? CallMedia { get; set; }

    internal SdpSessionDescription? LocalSdp { get; set; }

    internal ulong SdpVersion { get; set; }

    internal bool LocalHold { get; set; }

    /// <summary>The origin line of the peer's last session description: an unchanged one in a re-INVITE is a pure refresh.</summary>
    internal SdpOrigin? RemoteSdpOrigin { get; set; }

    /// <summary>One re-INVITE of ours at a time (RFC 3261 14.1); a peer's re-INVITE meanwhile gets 491.</summary>
    internal SemaphoreSlim ReInviteGate { get; } = new(1, 1);

    /// <summary>Session-Expires asked for in our INVITE and re-INVITEs (raised by a 422).</summary>
    internal TimeSpan SessionRequestInterval { get; set; }

    /// <summary>Min-SE sent: our minimum, raised to the largest Min-SE a 422 carried (RFC 4028 7.4).</summary>
    internal TimeSpan SessionMinInterval { get; set; }

    /// <summary>The refresh or expiry timer of the session timer.</summary>
    internal ITimer? SessionTimer { get; set; }

    /// <summary>When the session was last established or refreshed.</summary>
    internal DateTimeOffset? SessionRefreshedAt { get; set; }

    /// <summary>The session timer terms the 200 to an incoming INVITE will carry.</summary>
    internal SipSessionTimerAnswer? PendingSessionAnswer { get; set; }

    internal DateTimeOffset StartedAt { get; }

    internal DateTimeOffset? RingingAt { get; set; }

    internal DateTimeOffset? AnsweredAt { get; set; }

    internal SipTarget? Target { get; set; }

    // Outgoing side.
    internal SipRequest? Invite { get; set; }

    internal SipClientTransaction? InviteTransaction { get; set; }

    internal bool ProvisionalReceived { get; set; }

    internal bool CancelRequested { get; set; }

    internal SipRequest? Ack { get; set; }

    internal DigestAuthenticator? Authenticator { get; set; }

    // Incoming side.
    internal SipInviteServerTransaction? InviteServerTransaction { get; set; }

    internal SipResponse? Ok { get; set; }

    internal ITimer? RetransmitTimer { get; set; }

    internal TimeSpan RetransmitInterval { get; set; }

    internal ITimer? RingTimer { get; set; }

    internal ITimer? AutoAnswerTimer { get; set; }

    internal SdpAnswer? PendingAnswer { get; set; }

    /// <summary>Answers an incoming call (off-hook). False when it is not ringing any more.</summary>
    public bool Answer() => _owner.AnswerCall(this);

    /// <summary>Rejects a ringing incoming call with 603 Decline. False when it is not ringing any more.</summary>
    public bool Reject() => _owner.RejectCall(this);

    /// <summary>Hangs up: CANCEL before an answer, BYE after it, 603 for a ringing incoming call.</summary>
    public Task HangUpAsync(CancellationToken cancellationToken = default) => _owner.HangUpAsync(this, cancellationToken);

    /// <summary>Puts the call on hold (re-INVITE with sendonly) or resumes it (sendrecv).</summary>
    public Task<bool> SetHoldAsync(bool hold, CancellationToken cancellationToken = default) => _owner.SetHoldAsync(this, hold, cancellationToken);

    internal bool TryEnd(SipCallResult result, int statusCode, string reason, SipCallParty endedBy, DateTimeOffset now)
    {
        if (State == SipCallState.Ended)
        {
            return false;
        }

        State = SipCallState.Ended;
        RetransmitTimer?.Dispose();
        RingTimer?.Dispose();
        AutoAnswerTimer?.Dispose();
        SessionTimer?.Dispose();
        SessionTimer = null;
        Outcome = new SipCallOutcome
        {
            CallId = CallId,
            Direction = Direction,
            LocalUri = LocalUri,
            RemoteUri = RemoteUri,
            RemoteNumber = RemoteNumber,
            Result = result,
            StatusCode = statusCode,
            Reason = reason,
            EndedBy = endedBy,
            StartedAt = StartedAt,
            RingingAt = RingingAt,
            AnsweredAt = AnsweredAt,
            EndedAt = now,
        };
        return true;
    }

    internal void CompleteOutcome() => _completion.TrySetResult(Outcome!);
}

using CallSync.Sdp;
using CallSync.Sip.Authentication;
using CallSync.Sip.Dialogs;
using CallSync.Sip.Transport;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// One call: its dialog (<see cref="SipDialog"/>), its state, and the role-specific state of its INVITE, session
/// timer and offer/answer. The agent answers, rejects, holds and hangs up through it; everything that happens to
/// it is raised as a <see cref="SipCallEvent"/>, and <see cref="Completion"/> yields the outcome.
/// </summary>
public sealed class SipCall
{
    private readonly SipUserAgentCore _core;
    private readonly TaskCompletionSource<SipCallOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile SipCallState _state;

    internal SipCall(SipUserAgentCore core, SipDialog dialog, SipCallDirection direction, SdpLocalMedia media, DateTimeOffset startedAt)
    {
        _core = core;
        Dialog = dialog;
        Direction = direction;
        Negotiation = new SipMediaNegotiation(media);
        SessionTimer = new SipSessionTimerState(core.Options.SessionExpires, core.Options.MinSessionExpires);
        StartedAt = startedAt;
    }

    /// <summary>The SIP Call-ID.</summary>
    public string CallId => Dialog.CallId;

    /// <summary>Incoming or outgoing.</summary>
    public SipCallDirection Direction { get; }

    /// <summary>The current state.</summary>
    public SipCallState State
    {
        get => _state;
        internal set => _state = value;
    }

    /// <summary>The remote party's URI (as dialled, or the caller's From).</summary>
    public string RemoteUri => RemoteParty.Uri.ToString();

    /// <summary>The remote party's user part (the number), or null.</summary>
    public string? RemoteNumber => RemoteParty.Uri.User;

    /// <summary>The remote display name, or null.</summary>
    public string? RemoteDisplayName => RemoteParty.DisplayName;

    /// <summary>The local URI.</summary>
    public string LocalUri => Dialog.Local.Uri.ToString();

    /// <summary>The dialog's route set (Record-Route, in the order requests use it); empty without proxies.</summary>
    public IReadOnlyList<string> Routes
    {
        get
        {
            lock (Gate)
            {
                return Dialog.Routes;
            }
        }
    }

    /// <summary>
    /// The transport of the call's signalling: the one its INVITE came in on, or the one it was sent on (known once
    /// the destination is resolved; <see cref="SipTransportKind.Udp"/> before). TLS means the SDP, and the SDES keys
    /// in it, travelled encrypted on the hop to the peer or proxy.
    /// </summary>
    public SipTransportKind SignallingTransport { get; internal set; }

    /// <summary>True when the dialog was set up with a <c>sips:</c> URI (over TLS on every hop, RFC 5630).</summary>
    public bool IsSecureDialog
    {
        get
        {
            lock (Gate)
            {
                return Dialog.IsSecure;
            }
        }
    }

    /// <summary>The last negotiated media, or null before the first offer/answer completed.</summary>
    public SdpNegotiatedMedia? Media
    {
        get
        {
            lock (Gate)
            {
                return Negotiation.Current;
            }
        }
    }

    /// <summary>The negotiated session interval (RFC 4028), or null when the call runs without a session timer.</summary>
    public TimeSpan? SessionInterval
    {
        get
        {
            lock (Gate)
            {
                return SessionTimer.Interval;
            }
        }
    }

    /// <summary>True when this side refreshes the session (re-INVITE at half the interval); false when the peer does.</summary>
    public bool IsSessionRefresher
    {
        get
        {
            lock (Gate)
            {
                return SessionTimer.LocalRefresher;
            }
        }
    }

    /// <summary>
    /// For an incoming call: the delay after which the caller asked to be answered automatically (Call-Info
    /// <c>answer-after</c>; an Alert-Info asking for auto-answer is zero), or null when it did not ask.
    /// </summary>
    public TimeSpan? AnswerAfterRequested { get; internal init; }

    /// <summary>The outcome once ended, else null.</summary>
    public SipCallOutcome? Outcome { get; private set; }

    /// <summary>Completes with the outcome when the call ends.</summary>
    public Task<SipCallOutcome> Completion => _completion.Task;

    internal SipDialog Dialog { get; }

    /// <summary>The remote party as known now: the To of our INVITE (with its tag once answered), or the caller's From.</summary>
    internal Syntax.SipNameAddress RemoteParty => Dialog.Remote;

    /// <summary>Guards all of the call's state; nothing that blocks runs under it.</summary>
    internal Lock Gate { get; } = new();

    internal SipMediaNegotiation Negotiation { get; }

    internal SipSessionTimerState SessionTimer { get; }

    /// <summary>The UAC side of the INVITE, for outgoing calls.</summary>
    internal SipOutgoingInvite? Outgoing { get; init; }

    /// <summary>The UAS side of the INVITE, for incoming calls.</summary>
    internal SipIncomingInvite? Incoming { get; init; }

    /// <summary>One re-INVITE of ours at a time (RFC 3261 14.1); a peer's re-INVITE meanwhile gets 491.</summary>
    internal SemaphoreSlim ReInviteGate { get; } = new(1, 1);

    /// <summary>Digest credentials for this call's requests, when a password is configured.</summary>
    internal DigestAuthenticator? Authenticator { get; init; }

    /// <summary>The next hop of in-dialog requests.</summary>
    internal SipTarget? Target { get; set; }

    internal DateTimeOffset StartedAt { get; }

    internal DateTimeOffset? RingingAt { get; set; }

    /// <summary>When the call was answered (the 200 OK sent or received): the start of its talk time; null before.</summary>
    public DateTimeOffset? AnsweredAt { get; internal set; }

    /// <summary>
    /// Answers a ringing incoming call with <paramref name="media"/> as this side's media (its RTP port). False when
    /// it is not ringing any more.
    /// </summary>
    public bool Answer(SdpLocalMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return _core.Incoming.Answer(this, media);
    }

    /// <summary>Rejects a ringing incoming call (603 Decline by default). False when it is not ringing any more.</summary>
    public bool Reject(int statusCode = 603) => _core.Incoming.Reject(this, statusCode);

    /// <summary>Hangs up: CANCEL before an answer, BYE after it, 603 for a ringing incoming call.</summary>
    public Task HangUpAsync(CancellationToken cancellationToken = default) => _core.HangUpAsync(this, cancellationToken);

    /// <summary>
    /// Ends the call for a reason of this side's system (a vanished peer, a fault): BYE once answered, else as
    /// <see cref="HangUpAsync"/>. The outcome says ended by the system, with <paramref name="reason"/>.
    /// </summary>
    public Task EndAsync(string reason) => State is SipCallState.Answered or SipCallState.Held
        ? _core.Dialogs.SendByeAsync(this, SipCallParty.System, reason)
        : _core.HangUpAsync(this, CancellationToken.None);

    /// <summary>Puts the call on hold (re-INVITE with sendonly) or resumes it (sendrecv). False when that failed.</summary>
    public Task<bool> SetHoldAsync(bool hold, CancellationToken cancellationToken = default) =>
        _core.Dialogs.SetHoldAsync(this, hold, cancellationToken);

    /// <summary>Ends the call's state once; false when it had ended already. Under the gate.</summary>
    internal bool TryEnd(SipCallResult result, int statusCode, string reason, SipCallParty endedBy, DateTimeOffset now)
    {
        if (State == SipCallState.Ended)
        {
            return false;
        }

        State = SipCallState.Ended;
        Incoming?.StopTimers();
        SessionTimer.Stop();
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

using CallSync.Agent.Media;
using CallSync.Contracts;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <summary>
/// One call, owned by the <see cref="CallManager"/> and touched only on its loop: the SIP call handle, the record
/// id (chosen before anything else, so the recording is named after it), where the call came from and what was
/// dialled, its media, the digits received, and the task that completes once its record is committed.
/// </summary>
internal sealed class CallSession
{
    private readonly TaskCompletionSource<FinishedCallSummary> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<DtmfDigit> _digits = [];

    public CallSession(SipCall sip, CallOrigin origin, string? dialled)
    {
        Sip = sip;
        Origin = origin;
        Dialled = dialled;
        Phase = sip.Direction == SipCallDirection.Incoming ? CallPhase.Ringing : CallPhase.Dialling;
    }

    /// <summary>The call record's id, also the recording's file name.</summary>
    public Guid RecordId { get; } = Guid.NewGuid();

    /// <summary>The SIP call.</summary>
    public SipCall Sip { get; }

    /// <summary>The SIP Call-ID.</summary>
    public string CallId => Sip.CallId;

    public CallDirection Direction => Sip.Direction == SipCallDirection.Outgoing ? CallDirection.Outgoing : CallDirection.Incoming;

    /// <summary>Who asked for the call: keypad, remote command, companion, technician CLI, or the network.</summary>
    public CallOrigin Origin { get; }

    /// <summary>The number or URI as dialled (outgoing), else null.</summary>
    public string? Dialled { get; }

    /// <summary>The other party as the record and the display name it: as dialled, else the caller's number or URI.</summary>
    public string Remote => Dialled ?? Sip.RemoteNumber ?? Sip.RemoteUri;

    /// <summary>What the display shows for the other party.</summary>
    public string RemoteShown => Sip.RemoteDisplayName ?? Remote;

    public CallPhase Phase { get; set; }

    /// <summary>The call's media (its RTP port exists from the dial or the answer on), or null.</summary>
    public CallMedia? Media { get; set; }

    /// <summary>When the call was answered (the origin of DTMF offsets), or null.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The pending auto-answer, if any.</summary>
    public ITimer? AutoAnswer { get; set; }

    /// <summary>True while live (not finishing).</summary>
    public bool IsLive => Phase != CallPhase.Finishing;

    /// <summary>The digits the peer sent (RFC 4733 or SIP INFO), in order.</summary>
    public IReadOnlyList<DtmfDigit> Digits => _digits;

    /// <summary>Completes once the call ended and its record was handed to the outboxes.</summary>
    public Task<FinishedCallSummary> Finished => _finished.Task;

    /// <summary>How the call is protected now: TLS signalling, SRTP media (see <see cref="CallSecurity"/>).</summary>
    public CallSecurity Security => SecurityOf(Sip.SignallingTransport, Media?.Encrypted == true);

    /// <summary>The record's <c>security</c> for a call signalled over <paramref name="transport"/> whose media was or was not SRTP throughout.</summary>
    public static CallSecurity SecurityOf(SipTransportKind transport, bool srtp) => (transport == SipTransportKind.Tls, srtp) switch
    {
        (true, true) => CallSecurity.TlsAndSrtp,
        (true, false) => CallSecurity.Tls,
        (false, true) => CallSecurity.Srtp,
        _ => CallSecurity.None,
    };

    public void AddDigit(DtmfDigit digit) => _digits.Add(digit);

    public void Finish(FinishedCallSummary summary) => _finished.TrySetResult(summary);
}

using CallSync.Agent.Hosting;
using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Calls;

/// <summary>
/// The desk phone's call manager: joins the SIP user agent to the board (keys dial and answer, the hook
/// answers and hangs up, ringer, LEDs and display follow the calls), places calls for every origin (keypad,
/// technician CLI, remote command, companion) with one validation and one busy rule, and hands every ended
/// call to the <see cref="ICallFinisher"/>.
/// </summary>
public sealed partial class Phone : IHostedService, IStatusSource, IDisposable
{
    private const int MaxDialDigits = 32;

    // On shutdown, calls are hung up and their records finished; this bounds the wait for the far ends.
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(8);

    private readonly SipUserAgent _agent;
    private readonly IBoard _board;
    private readonly CallRegistry _registry;
    private readonly ICallFinisher _finisher;
    private readonly IInCallMedia _media;
    private readonly string _number;
    private readonly ILogger<Phone> _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _tracked = new(StringComparer.Ordinal);
    private readonly List<Task> _finishing = [];
    private readonly CancellationTokenSource _stopping = new();
    private string _digits = "";
    private bool _placing;
    private (CallOrigin Origin, string Dialled)? _pendingOutgoing;

    /// <summary>Wires the phone; nothing happens until <see cref="StartAsync"/>.</summary>
    public Phone(SipUserAgent agent, IBoard board, CallRegistry registry, ICallFinisher finisher, IInCallMedia media,
        string deviceNumber, ILogger<Phone> logger)
    {
        _agent = agent;
        _board = board;
        _registry = registry;
        _finisher = finisher;
        _media = media;
        _number = deviceNumber;
        _logger = logger;
    }

    /// <summary>Raised as calls ring, are answered and end (after their record was split).</summary>
    public event EventHandler<PhoneCallEventArgs>? CallEvent;

    /// <inheritdoc />
    public string Name => "call";

    /// <summary>What the phone is doing, for status replies.</summary>
    public DeviceActivity Activity
    {
        get
        {
            var live = LiveCalls();
            if (live.Any(c => c.State is SipCallState.Answered or SipCallState.Held))
            {
                return DeviceActivity.InCall;
            }

            if (live.Any(c => c.Direction == SipCallDirection.Incoming))
            {
                return DeviceActivity.Ringing;
            }

            return live.Count > 0 || _placing ? DeviceActivity.Dialing : DeviceActivity.Idle;
        }
    }

    /// <inheritdoc />
    public string Describe()
    {
        var live = LiveCalls();
        return live.Count == 0
            ? "idle"
            : string.Join(", ", live.Select(c => $"{c.Direction.ToString().ToLowerInvariant()} {c.RemoteNumber ?? c.RemoteUri} {c.State.ToString().ToLowerInvariant()} (call-id {c.CallId})"));
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _agent.IncomingCall += OnIncomingCall;
        _agent.CallStateChanged += OnCallStateChanged;
        _agent.RegistrationChanged += OnRegistrationChanged;
        _board.Keypad.KeyPressed += OnKey;
        _board.Hook.Changed += OnHook;
        await _agent.StartAsync(cancellationToken).ConfigureAwait(false);
        ShowIdle();
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _board.Keypad.KeyPressed -= OnKey;
        _board.Hook.Changed -= OnHook;
        foreach (var call in LiveCalls())
        {
            await EndAsync(call, cancellationToken).ConfigureAwait(false);
        }

        Task[] finishing;
        lock (_gate)
        {
            finishing = [.. _finishing];
        }

        // Finishing writes the record; wait for it, bounded, then stop SIP (which unregisters).
        await Task.WhenAll(finishing).WaitAsync(ShutdownGrace, cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _agent.StopAsync(cancellationToken).ConfigureAwait(false);
        _board.Ringer.Stop();
        _board.Leds.Set(Led.Line, LedState.Off);
    }

    /// <summary>
    /// Places a call to a number or SIP URI for <paramref name="origin"/>. Refused when the target is malformed
    /// or another call is up (busy); returns once the INVITE is on its way.
    /// </summary>
    public async Task<DialAttempt> DialAsync(string target, CallOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        target = target?.Trim() ?? "";
        if (!TargetValidator.IsValid(target, out var reason))
        {
            PhoneLog.DialRefused(_logger, target, origin.Kind, reason);
            return DialAttempt.Invalid(reason);
        }

        lock (_gate)
        {
            if (_placing || LiveCalls().Count > 0)
            {
                PhoneLog.DialRefused(_logger, target, origin.Kind, "busy");
                return DialAttempt.Busy();
            }

            _placing = true;
            _digits = "";
        }

        try
        {
            lock (_gate)
            {
                _pendingOutgoing = (origin, target);
            }

            var sipCall = await _agent.PlaceCallAsync(target, cancellationToken).ConfigureAwait(false);
            var call = Track(sipCall);
            PhoneLog.Dialling(_logger, target, origin.Kind, sipCall.CallId, call.RecordId);
            return DialAttempt.Started(call);
        }
        catch (ArgumentException ex)
        {
            PhoneLog.DialRefused(_logger, target, origin.Kind, ex.Message);
            return DialAttempt.Failed(ex.Message);
        }
        finally
        {
            lock (_gate)
            {
                _placing = false;
                _pendingOutgoing = null;
            }
        }
    }

    /// <summary>Ends the current call (hangs up, cancels, or rejects a ringing one); false when there is none.</summary>
    public async Task<bool> HangUpAsync(CancellationToken cancellationToken)
    {
        var live = LiveCalls();
        foreach (var call in live)
        {
            await EndAsync(call, cancellationToken).ConfigureAwait(false);
        }

        return live.Count > 0;
    }

    /// <summary>Answers the ringing incoming call; false when none rings.</summary>
    public bool Answer() => RingingIncoming() is { } call && call.Answer();

    /// <summary>Puts the active call on hold or resumes it; null when there is no active call.</summary>
    public async Task<bool?> ToggleHoldAsync(CancellationToken cancellationToken)
    {
        var call = LiveCalls().FirstOrDefault(c => c.State is SipCallState.Answered or SipCallState.Held);
        if (call is null)
        {
            return null;
        }

        var hold = call.State == SipCallState.Answered;
        return await call.SetHoldAsync(hold, cancellationToken).ConfigureAwait(false) ? hold : !hold;
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private List<SipCall> LiveCalls() => [.. _agent.Calls.Where(c => c.State != SipCallState.Ended)];

    private SipCall? RingingIncoming() =>
        _agent.Calls.FirstOrDefault(c => c.Direction == SipCallDirection.Incoming && c.State == SipCallState.Ringing);

    private static Task EndAsync(SipCall call, CancellationToken cancellationToken)
    {
        if (call.Direction == SipCallDirection.Incoming && call.State == SipCallState.Ringing)
        {
            call.Reject();
            return Task.CompletedTask;
        }

        return call.HangUpAsync(cancellationToken);
    }

    // Starts following a call once; the follower finishes it when SIP says it ended.
    private PhoneCall Track(SipCall sipCall)
    {
        var call = _registry.GetOrAdd(sipCall.CallId);
        lock (_gate)
        {
            if (!_tracked.Add(sipCall.CallId))
            {
                return call;
            }

            // Every outgoing call is placed by DialAsync, which holds its origin until the call is tracked.
            if (sipCall.Direction == SipCallDirection.Outgoing && _pendingOutgoing is { } pending)
            {
                call.Origin = pending.Origin;
                call.Dialled = pending.Dialled;
                _pendingOutgoing = null;
            }
            else if (sipCall.Direction == SipCallDirection.Incoming)
            {
                call.Origin = new CallOrigin { Kind = OriginKind.Network };
            }

            _finisher.Started(call, sipCall);

            var follow = FollowAsync(sipCall, call);
            _finishing.Add(follow);
            _ = follow.ContinueWith(done =>
            {
                lock (_gate)
                {
                    _finishing.Remove(done);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return call;
    }

    private async Task FollowAsync(SipCall sipCall, PhoneCall call)
    {
        var outcome = await sipCall.Completion.ConfigureAwait(false);
        PhoneLog.CallEnded(_logger, outcome.CallId, outcome.Result, outcome.StatusCode, outcome.Reason, outcome.EndedBy);
        UpdateBoardAfterEnd(outcome);
        FinishedCallSummary summary;
        try
        {
            summary = await _finisher.FinishAsync(call, outcome, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failure to record one call must not stop the phone; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PhoneLog.FinishFailed(_logger, outcome.CallId, ex);
            summary = new FinishedCallSummary(call.RecordId, CallResult.Failed, outcome.StatusCode, outcome.Reason);
        }

        call.Finish(summary);
        _registry.Remove(call.CallId);
        lock (_gate)
        {
            _tracked.Remove(call.CallId);
        }

        CallEvent?.Invoke(this, new PhoneCallEventArgs(call, PhoneCallEvent.Ended, ResultName(summary.Result)));
    }

    private void OnIncomingCall(SipCall sipCall)
    {
        var call = Track(sipCall);
        PhoneLog.Incoming(_logger, sipCall.RemoteNumber ?? sipCall.RemoteUri, sipCall.CallId, call.RecordId);
        _board.Ringer.Start();
        _board.Leds.Set(Led.Line, LedState.Blinking);
        _board.Display.Show(0, $"Call from {sipCall.RemoteDisplayName ?? sipCall.RemoteNumber ?? sipCall.RemoteUri}");
        CallEvent?.Invoke(this, new PhoneCallEventArgs(call, PhoneCallEvent.Ringing, sipCall.RemoteNumber ?? sipCall.RemoteUri));
    }

    private void OnCallStateChanged(SipCall sipCall)
    {
        if (sipCall.State == SipCallState.Ended)
        {
            return;
        }

        var call = Track(sipCall);
        var remote = sipCall.RemoteNumber ?? sipCall.RemoteUri;
        switch (sipCall.State)
        {
            case SipCallState.Calling:
                _board.Leds.Set(Led.Line, LedState.Blinking);
                _board.Display.Show(0, $"Calling {remote}");
                break;
            case SipCallState.Ringing when sipCall.Direction == SipCallDirection.Outgoing:
                _board.Display.Show(0, $"Ringing {remote}");
                CallEvent?.Invoke(this, new PhoneCallEventArgs(call, PhoneCallEvent.Ringing, remote));
                break;
            case SipCallState.Answered:
                _finisher.Answered(call);
                _board.Ringer.Stop();
                _board.Leds.Set(Led.Line, LedState.On);
                _board.Display.Show(0, $"Talking {remote}");
                CallEvent?.Invoke(this, new PhoneCallEventArgs(call, PhoneCallEvent.Answered, remote));
                break;
            case SipCallState.Held:
                _board.Leds.Set(Led.Line, LedState.Blinking);
                _board.Display.Show(0, $"On hold {remote}");
                break;
        }
    }

    private void UpdateBoardAfterEnd(SipCallOutcome outcome)
    {
        if (RingingIncoming() is null)
        {
            _board.Ringer.Stop();
        }

        if (outcome.Direction == SipCallDirection.Incoming && outcome.AnsweredAt is null)
        {
            // A missed call: the message-waiting LED stays on until the handset is next lifted.
            _board.Leds.Set(Led.MessageWaiting, LedState.On);
        }

        if (LiveCalls().Count == 0)
        {
            _board.Leds.Set(Led.Line, LedState.Off);
            ShowIdle();
        }
    }

    private void OnRegistrationChanged(SipRegistrationState state)
    {
        PhoneLog.Registration(_logger, state.IsRegistered, state.Reason);
        ShowRegistration(state);
    }

    private void ShowIdle()
    {
        _board.Display.Show(0, $"{_number}  ready");
        ShowRegistration(_agent.Registration);
    }

    private void ShowRegistration(SipRegistrationState state) =>
        _board.Display.Show(1, state.IsRegistered ? "registered" : state.Reason);

    private static string ResultName(CallResult result) => result switch
    {
        CallResult.NoAnswer => "no-answer",
        _ => result.ToString().ToLowerInvariant(),
    };
}

using System.Threading.Channels;
using CallSync.Agent.Calls.Events;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Agent.Media;
using CallSync.Agent.Records;
using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Calls;

/// <summary>
/// The desk phone's call manager, the one owner of every call (<see cref="CallSession"/>). Everything that happens
/// (SIP events, keys and hook, RTP digits, finished records) and everything asked of it (dial, answer, hang up,
/// hold) is a <see cref="CallEvent"/> written to one channel; one loop reads it and alone creates and starts media,
/// the recorder and the handset, drives the board and the journal, and starts finish, split and notify. Nothing
/// that blocks runs on the SIP receive thread: it only queues.
/// </summary>
internal sealed partial class CallManager : IHostedService, IStatusSource, IDisposable
{
    private const int MaxDialDigits = 32;

    // On shutdown, calls are hung up and their records finished; this bounds the wait for the far ends.
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan MediaCheckInterval = TimeSpan.FromSeconds(1);

    private readonly SipUserAgent _sip;
    private readonly IBoard _board;
    private readonly CallMediaFactory _media;
    private readonly CallJournal _journal;
    private readonly CallFinisher _finisher;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CallManager> _logger;
    private readonly Channel<CallEvent> _inbox = Channel.CreateUnbounded<CallEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, CallSession> _calls = new(StringComparer.Ordinal);
    private volatile CallSnapshot[] _snapshot = [];
    private string _digits = "";
    private Task? _loop;
    private ITimer? _mediaCheck;

    public CallManager(SipUserAgent sip, IBoard board, CallMediaFactory media, CallJournal journal, CallFinisher finisher,
        AgentOptions options, TimeProvider time, ILogger<CallManager> logger)
    {
        _sip = sip;
        _board = board;
        _media = media;
        _journal = journal;
        _finisher = finisher;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised on the loop as calls ring, are answered and end (after their record was committed). Handlers must not block.</summary>
    public event EventHandler<CallProgressEventArgs>? Progress;

    /// <inheritdoc />
    public string Name => "call";

    /// <summary>Rtp:InactivityTimeout: how long a talking call may receive nothing before it is ended as vanished; zero: never.</summary>
    private TimeSpan InactivityTimeout => _options.Rtp.InactivityTimeout;

    /// <summary>What the phone is doing, for status replies.</summary>
    public DeviceActivity Activity
    {
        get
        {
            var live = _snapshot;
            if (live.Any(c => c.Phase is CallPhase.Talking or CallPhase.Held))
            {
                return DeviceActivity.InCall;
            }

            if (live.Any(c => c.Phase == CallPhase.Ringing))
            {
                return DeviceActivity.Ringing;
            }

            return live.Length > 0 ? DeviceActivity.Dialing : DeviceActivity.Idle;
        }
    }

    /// <inheritdoc />
    public string Describe()
    {
        var live = _snapshot;
        return live.Length == 0
            ? "idle"
            : string.Join(", ", live.Select(c => $"{c.Direction.ToString().ToLowerInvariant()} {c.Remote} {c.State.ToString().ToLowerInvariant()} (call-id {c.CallId}, security {SecurityText(c.Security)})"));
    }

    /// <summary>The record's spelling of a <see cref="CallSecurity"/> (<c>tls+srtp</c>...).</summary>
    public static string SecurityText(CallSecurity security) => security switch
    {
        CallSecurity.Tls => "tls",
        CallSecurity.Srtp => "srtp (keys over plain SIP)",
        CallSecurity.TlsAndSrtp => "tls+srtp",
        _ => "none",
    };

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _sip.CallEvent += OnSipEvent;
        _sip.RegistrationChanged += OnRegistration;
        _board.Keypad.KeyPressed += OnKey;
        _board.Hook.Changed += OnHook;
        _loop = Task.Run(RunAsync, CancellationToken.None);
        await _sip.StartAsync(cancellationToken).ConfigureAwait(false);
        Post(new RegistrationUpdated(_sip.Registration));
        _mediaCheck = _time.CreateTimer(static s => ((CallManager)s!).Post(new MediaCheckDue()), this, MediaCheckInterval, MediaCheckInterval);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _board.Keypad.KeyPressed -= OnKey;
        _board.Hook.Changed -= OnHook;
        _mediaCheck?.Dispose();
        Task[] finishing;
        try
        {
            finishing = await InvokeAsync(EndAll).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            finishing = [];
        }

        // Finishing writes the records; wait for them, bounded, then stop SIP (which unregisters).
        try
        {
            await Task.WhenAll(finishing).WaitAsync(ShutdownGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            CallLog.ShutdownTimedOut(_logger, finishing.Count(t => !t.IsCompleted));
        }

        await _sip.StopAsync(cancellationToken).ConfigureAwait(false);
        _sip.CallEvent -= OnSipEvent;
        _sip.RegistrationChanged -= OnRegistration;
        _inbox.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _board.Ringer.Stop();
        _board.Leds.Set(Led.Line, LedState.Off);
    }

    /// <summary>
    /// Places a call to a number or SIP URI for <paramref name="origin"/>. Refused when the target is malformed or
    /// another call is up (busy); the returned call exists before its INVITE goes out.
    /// </summary>
    public Task<DialAttempt> DialAsync(string target, CallOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return InvokeAsync(() => Dial(target?.Trim() ?? "", origin)).WaitAsync(cancellationToken);
    }

    /// <summary>Ends the current calls (hangs up, cancels, or rejects a ringing one); false when there is none.</summary>
    public Task<bool> HangUpAsync(CancellationToken cancellationToken) =>
        InvokeAsync(() => EndAll().Length > 0).WaitAsync(cancellationToken);

    /// <summary>Answers the ringing incoming call; false when none rings.</summary>
    public Task<bool> AnswerAsync(CancellationToken cancellationToken) =>
        InvokeAsync(() => RingingIncoming() is { } session && Answer(session)).WaitAsync(cancellationToken);

    /// <summary>Puts the active call on hold or resumes it: true on hold, false resumed, null when there is no active call.</summary>
    public Task<bool?> ToggleHoldAsync(CancellationToken cancellationToken) =>
        InvokeAsync(ToggleHold).Unwrap().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _mediaCheck?.Dispose();

    private void Post(CallEvent e)
    {
        if (!_inbox.Writer.TryWrite(e) && e is CallCommand command)
        {
            command.Abandon();
        }
    }

    private Task<T> InvokeAsync<T>(Func<T> action)
    {
        var command = new CallCommand<T>(action);
        Post(command);
        return command.Result;
    }

    private async Task RunAsync()
    {
        await foreach (var e in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Handle(e);
            }
#pragma warning disable CA1031 // One event's failure must not stop the phone; it is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                CallLog.EventFailed(_logger, e.GetType().Name, ex);
            }

            _snapshot = [.. _calls.Values.Where(s => s.IsLive).Select(s => new CallSnapshot(s.Sip.Direction, s.Remote, s.Phase, s.Sip.State, s.CallId, s.Security))];
        }
    }

    private void Handle(CallEvent e)
    {
        switch (e)
        {
            case SipCallEventArrived { Event: var sip }:
                OnSip(sip);
                break;
            case CallCommand command:
                command.Run();
                break;
            case KeyPressed { Key: var key }:
                OnKey(key);
                break;
            case HookMoved { OffHook: var offHook }:
                OnHook(offHook);
                break;
            case RtpDigitReceived { Session: var session, Digit: var digit, At: var at }:
                OnDigit(session, digit, DtmfDigit.Rfc4733, at);
                break;
            case AutoAnswerDue { Session: var session } when session.Phase == CallPhase.Ringing:
                Answer(session);
                break;
            case MediaCheckDue:
                CheckMedia();
                ShowTalkTime();
                break;
            case RecordCommitted committed:
                OnCommitted(committed.Session, committed.Summary);
                break;
            case RegistrationUpdated { State: var state }:
                CallLog.Registration(_logger, state.IsRegistered, state.Reason);
                ShowRegistration(state);
                break;
        }
    }

    private DialAttempt Dial(string target, CallOrigin origin)
    {
        if (!TargetValidator.IsValid(target, out var reason))
        {
            CallLog.DialRefused(_logger, target, origin.Kind, reason);
            return DialAttempt.Invalid(reason);
        }

        if (_calls.Values.Any(s => s.IsLive))
        {
            CallLog.DialRefused(_logger, target, origin.Kind, "busy");
            return DialAttempt.Busy();
        }

        CallSession? session = null;
        var media = _media.TryCreate(() => session!, out reason);
        if (media is null)
        {
            CallLog.DialRefused(_logger, target, origin.Kind, reason!);
            return DialAttempt.Failed(reason!);
        }

        if (!_sip.TryPlaceCall(target, media.Local, out var call, out reason))
        {
            _ = media.StopAsync();
            CallLog.DialRefused(_logger, target, origin.Kind, reason);
            return DialAttempt.Failed(reason);
        }

        session = Track(call, origin, target, media);
        _digits = "";
        CallLog.Dialling(_logger, target, origin.Kind, call.CallId, session.RecordId);
        _board.Leds.Set(Led.Line, LedState.Blinking);
        _board.Display.Show(0, $"Calling {session.Remote}");
        return DialAttempt.Started(session);
    }

    /// <summary>Starts owning a call: its session, its journal entry, its digits.</summary>
    private CallSession Track(SipCall call, CallOrigin origin, string? dialled, CallMedia? media)
    {
        var session = new CallSession(call, origin, dialled);
        _calls[call.CallId] = session;
        _journal.Begin(session.RecordId, call.CallId, session.Direction, session.Remote, origin, _time.GetUtcNow());
        if (media is not null)
        {
            Attach(session, media);
        }

        return session;
    }

    private void Attach(CallSession session, CallMedia media)
    {
        session.Media = media;
        // The digit's offset comes from its first RTP packet, not from when the loop gets to it.
        media.DigitReceived += (_, e) => Post(new RtpDigitReceived(session, e.Digit, (media.StartedAt ?? _time.GetUtcNow()) + e.Offset));
    }

    private bool Answer(CallSession session)
    {
        session.AutoAnswer?.Dispose();
        session.AutoAnswer = null;
        if (session.Media is null)
        {
            var media = _media.TryCreate(() => session, out var reason);
            if (media is null)
            {
                CallLog.AnswerFailed(_logger, session.CallId, reason!);
                session.Sip.Reject(503);
                return false;
            }

            Attach(session, media);
        }

        return session.Sip.Answer(session.Media!.Local);
    }

    private Task[] EndAll()
    {
        var live = _calls.Values.Where(s => s.IsLive).ToArray();
        foreach (var session in live)
        {
            if (session.Phase == CallPhase.Ringing)
            {
                session.Sip.Reject();
            }
            else
            {
                _ = session.Sip.HangUpAsync();
            }
        }

        return [.. live.Select(s => (Task)s.Finished)];
    }

    private async Task<bool?> ToggleHold()
    {
        if (_calls.Values.FirstOrDefault(s => s.Phase is CallPhase.Talking or CallPhase.Held) is not { } session)
        {
            return null;
        }

        var hold = session.Sip.State == SipCallState.Answered;
        return await session.Sip.SetHoldAsync(hold).ConfigureAwait(false) ? hold : !hold;
    }

    private CallSession? RingingIncoming() => _calls.Values.FirstOrDefault(s => s.Phase == CallPhase.Ringing);

    private void OnDigit(CallSession session, char digit, string method, DateTimeOffset? at = null)
    {
        if (!session.IsLive)
        {
            return;
        }

        var offset = session.AnsweredAt is { } answered ? Math.Max(0, Math.Round(((at ?? _time.GetUtcNow()) - answered).TotalSeconds, 3)) : 0;
        session.AddDigit(new DtmfDigit { Digit = digit.ToString(), OffsetSeconds = offset, Method = method });
        CallLog.DigitReceived(_logger, digit, method, session.CallId, offset);
    }

    private void CheckMedia()
    {
        if (InactivityTimeout <= TimeSpan.Zero)
        {
            return;
        }

        foreach (var session in _calls.Values)
        {
            if (session.Phase == CallPhase.Talking && session.Media?.Silence() is { } silence && silence >= InactivityTimeout)
            {
                var reason = $"no media from the peer for {(int)silence.TotalSeconds} s";
                CallLog.PeerVanished(_logger, session.CallId, reason);
                _ = session.Sip.EndAsync(reason);
            }
        }
    }

    private void OnSipEvent(SipCallEvent e) => Post(new SipCallEventArrived(e));

    private void OnRegistration(SipRegistrationState state) => Post(new RegistrationUpdated(state));

    private void OnKey(object? sender, KeyPressedEventArgs e) => Post(new KeyPressed(e.Key));

    private void OnHook(object? sender, HookChangedEventArgs e) => Post(new HookMoved(e.IsOffHook));

    private void Raise(CallSession session, CallProgress progress, string detail) =>
        Progress?.Invoke(this, new CallProgressEventArgs(session.RecordId, progress, detail));
}

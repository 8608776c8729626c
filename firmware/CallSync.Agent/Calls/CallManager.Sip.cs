using CallSync.Agent.Calls.Events;
using CallSync.Agent.Configuration;
using CallSync.Agent.Media;
using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <content>What the SIP user agent reports, and the end of a call: finish, split, notify.</content>
internal sealed partial class CallManager
{
    private void OnSip(SipCallEvent e)
    {
        if (e is SipCallIncoming incoming)
        {
            OnIncoming(incoming.Call);
            return;
        }

        if (!_calls.TryGetValue(e.Call.CallId, out var session) || !ReferenceEquals(session.Sip, e.Call))
        {
            if (e is SipCallEnded refused)
            {
                // Refused before it rang (busy, no common media): it still leaves its one record.
                session = Track(refused.Call, new CallOrigin { Kind = OriginKind.Network }, null, media: null);
                End(session, refused.Outcome);
            }

            return;
        }

        switch (e)
        {
            case SipCallRinging:
                _board.Display.Show(0, $"Ringing {session.RemoteShown}");
                Raise(session, CallProgress.Ringing, session.Remote);
                break;
            case SipCallMediaChanged changed:
                session.Media?.Apply(changed.Media, changed.LocalHold, changed.Call.AnsweredAt);
                if (session.Phase is CallPhase.Talking or CallPhase.Held)
                {
                    ShowTalking(session, changed.Held);
                }

                break;
            case SipCallAnswered:
                session.AnsweredAt = _time.GetUtcNow();
                _journal.Answered(session.RecordId, session.AnsweredAt.Value);
                if (RingingIncoming() is null || RingingIncoming() == session)
                {
                    _board.Ringer.Stop();
                }

                ShowTalking(session, e.Call.State == SipCallState.Held);
                Raise(session, CallProgress.Answered, session.Remote);
                break;
            case SipCallDigit digit:
                OnDigit(session, digit.Digit, DtmfDigit.SipInfo);
                break;
            case SipCallEnded ended:
                End(session, ended.Outcome);
                break;
        }
    }

    private void OnIncoming(SipCall call)
    {
        var session = Track(call, new CallOrigin { Kind = OriginKind.Network }, null, media: null);
        CallLog.Incoming(_logger, call.RemoteNumber ?? call.RemoteUri, call.CallId, session.RecordId);
        _board.Ringer.Start();
        _board.Leds.Set(Led.Line, LedState.Blinking);
        _board.Display.Show(0, $"Call from {session.RemoteShown}");
        Raise(session, CallProgress.Ringing, session.Remote);

        var sip = _options.Sip;
        TimeSpan? delay = sip.AutoAnswer switch
        {
            AutoAnswerMode.Immediately => TimeSpan.Zero,
            AutoAnswerMode.AfterDelay => sip.AutoAnswerDelay,
            AutoAnswerMode.WhenRequested => call.AnswerAfterRequested,
            _ => null,
        };
        if (delay is not { } wait)
        {
            return;
        }

        if (wait <= TimeSpan.Zero)
        {
            Answer(session);
            return;
        }

        session.AutoAnswer = _time.CreateTimer(_ => Post(new AutoAnswerDue(session)), null, wait, Timeout.InfiniteTimeSpan);
    }

    private void ShowTalking(CallSession session, bool held)
    {
        session.Phase = held ? CallPhase.Held : CallPhase.Talking;
        _board.Leds.Set(Led.Line, held ? LedState.Blinking : LedState.On);
        _board.Display.Show(0, held ? $"On hold {session.RemoteShown}" : $"Talking {session.RemoteShown}");
    }

    /// <summary>
    /// The call ended: the board follows at once, the handset is released, and the media's stop and the record's
    /// commit run off the loop; <see cref="RecordCommitted"/> comes back when they are done.
    /// </summary>
    private void End(CallSession session, SipCallOutcome outcome)
    {
        CallLog.CallEnded(_logger, outcome.CallId, outcome.Result, outcome.StatusCode, outcome.Reason, outcome.EndedBy);
        session.Phase = CallPhase.Finishing;
        session.AutoAnswer?.Dispose();
        session.AutoAnswer = null;
        var media = session.Media?.StopAsync() ?? Task.FromResult<MediaOutcome>(null!);
        UpdateBoardAfterEnd(outcome);
        _ = FinishAsync(session, outcome, media);
    }

    private async Task FinishAsync(CallSession session, SipCallOutcome outcome, Task<MediaOutcome> media)
    {
        FinishedCallSummary summary;
        try
        {
            summary = _finisher.Finish(session, outcome, await media.ConfigureAwait(false));
        }
#pragma warning disable CA1031 // A failure to record one call must not stop the phone; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CallLog.FinishFailed(_logger, outcome.CallId, ex);
            summary = new FinishedCallSummary(session.RecordId, CallResult.Failed, outcome.StatusCode, outcome.Reason);
        }

        Post(new RecordCommitted(session, summary));
    }

    private void OnCommitted(CallSession session, FinishedCallSummary summary)
    {
        if (_calls.TryGetValue(session.CallId, out var current) && ReferenceEquals(current, session))
        {
            _calls.Remove(session.CallId);
        }

        session.Finish(summary);
        Raise(session, CallProgress.Ended, ResultName(summary.Result));
    }

    private static string ResultName(CallResult result) => result switch
    {
        CallResult.NoAnswer => "no-answer",
        _ => result.ToString().ToLowerInvariant(),
    };
}

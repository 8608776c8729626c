using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// Session timers (RFC 4028): Session-Expires and Min-SE on INVITEs and their 2xx, 422 both ways, refresh by
/// re-INVITE at half the interval, BYE when the peer stops refreshing.
/// </summary>
internal sealed class SipSessionTimers(SipUserAgentCore core)
{
    public bool Enabled => core.Options.SessionExpires > TimeSpan.Zero;

    public static void Validate(SipUserAgentOptions options)
    {
        if (options.SessionExpires < TimeSpan.Zero)
        {
            throw new ArgumentException("SessionExpires must be zero (off) or positive.", nameof(options));
        }

        if (options.MinSessionExpires < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("MinSessionExpires must be at least 1 s.", nameof(options));
        }

        if (options.SessionExpires > TimeSpan.Zero && options.SessionExpires < options.MinSessionExpires)
        {
            throw new ArgumentException("SessionExpires must not be below MinSessionExpires.", nameof(options));
        }
    }

    /// <summary>What a UAS answers to the request's session timer, or null when session timers are off.</summary>
    public SipSessionTimerAnswer? Answer(SipRequest request) =>
        Enabled ? SipSessionTimerPolicy.Answer(request, core.Options.SessionExpires, core.Options.MinSessionExpires) : null;

    /// <summary>Session-Expires and Min-SE of an INVITE (RFC 4028 7.1) or re-INVITE (7.4). Under the call's gate.</summary>
    public void AddRequestHeaders(SipMessageBuilder builder, SipCall call, bool inDialog)
    {
        if (!Enabled)
        {
            return;
        }

        var state = call.SessionTimer;
        if (inDialog)
        {
            // The current refresher stays the refresher: refresher=uac when that is us, uas when it is the peer.
            var refresher = state.Interval is null || state.LocalRefresher ? SipSessionTimerPolicy.Uac : SipSessionTimerPolicy.Uas;
            builder.AddHeader(SipHeaderNames.SessionExpires, new SipSessionExpires(state.RequestInterval, refresher).ToString());
        }
        else
        {
            // No refresher parameter: the UAS chooses (RFC 4028 7.1).
            builder.AddHeader(SipHeaderNames.SessionExpires, new SipSessionExpires(state.RequestInterval).ToString());
        }

        builder.AddHeader(SipHeaderNames.MinSE, SipSessionTimerPolicy.Seconds(state.MinInterval));
    }

    /// <summary>Session-Expires (and Require: timer when the UAC refreshes) of a 2xx (RFC 4028 9).</summary>
    public static void AddResponseHeaders(SipMessageBuilder builder, SipSessionTimerAnswer? answer)
    {
        if (answer is null)
        {
            return;
        }

        builder.AddHeader(SipHeaderNames.SessionExpires, new SipSessionExpires(answer.Interval, answer.Refresher).ToString());
        if (answer.RequireTimer)
        {
            builder.AddHeader(SipHeaderNames.Require, SipSessionTimerPolicy.OptionTag);
        }
    }

    /// <summary>The 422 answer to an INVITE whose Session-Expires is below our minimum (RFC 4028 9).</summary>
    public void SendIntervalTooSmall(SipServerTransaction tx, SipSessionTimerAnswer answer, string localTag)
    {
        var request = tx.Request;
        var b = SipResponseBuilder.CreateFor(request, 422, null, localTag);
        b.AddHeader(SipHeaderNames.MinSE, SipSessionTimerPolicy.Seconds(answer.MinimumInterval));
        core.AddCommonHeaders(b, withAllow: false);
        tx.SendResponse(b.Build());
        Log.SessionIntervalTooSmall(core.Logger, request.CallId, (long)(request.SessionExpires?.Interval.TotalSeconds ?? 0), (long)answer.MinimumInterval.TotalSeconds);
    }

    /// <summary>
    /// A 422 to our INVITE or re-INVITE: take its Min-SE as the new interval and minimum (RFC 4028 7.4). False when
    /// the 422 asks for nothing larger than we sent (a retry would fail the same way).
    /// </summary>
    public bool TryRaiseInterval(SipCall call, SipResponse response)
    {
        if (!Enabled || response.MinSessionExpires is not { } minimum)
        {
            return false;
        }

        lock (call.Gate)
        {
            var state = call.SessionTimer;
            if (minimum <= state.RequestInterval)
            {
                return false;
            }

            state.RequestInterval = minimum;
            if (minimum > state.MinInterval)
            {
                state.MinInterval = minimum;
            }
        }

        Log.SessionIntervalRaised(core.Logger, call.CallId, (long)minimum.TotalSeconds);
        return true;
    }

    /// <summary>The terms a 2xx to our (re-)INVITE set, or null without a session timer.</summary>
    public SipSessionTimerTerms? FromResponse(SipResponse response) => Enabled ? SipSessionTimerPolicy.FromResponse(response) : null;

    /// <summary>
    /// Starts (or stops, for null) the session timer after a 2xx to an INVITE or re-INVITE was sent or received:
    /// the refresher's timer fires at half the interval, the other side's at interval - min(32 s, interval / 3).
    /// Under the call's gate.
    /// </summary>
    public void Apply(SipCall call, SipSessionTimerTerms? terms)
    {
        var state = call.SessionTimer;
        state.Stop();
        state.Interval = terms?.Interval;
        state.LocalRefresher = terms?.LocalRefresher ?? false;
        if (terms is not { } t || call.State == SipCallState.Ended)
        {
            return;
        }

        state.RequestInterval = t.Interval;
        state.RefreshedAt = core.Time.GetUtcNow();
        state.Timer = core.Time.CreateTimer(_ => OnTimer(call), null, t.Due, Timeout.InfiniteTimeSpan);
        Log.SessionTimerSet(core.Logger, call.CallId, (long)t.Interval.TotalSeconds, t.LocalRefresher ? "us" : "peer");
    }

    private void OnTimer(SipCall call)
    {
        bool refresher;
        long seconds;
        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended || call.SessionTimer.Interval is not { } interval)
            {
                return;
            }

            refresher = call.SessionTimer.LocalRefresher;
            seconds = (long)interval.TotalSeconds;
        }

        if (refresher)
        {
            _ = Task.Run(() => RefreshAsync(call), CancellationToken.None);
            return;
        }

        // RFC 4028 10: no refresh came, so the session is presumed dead; BYE ends it on both sides and proxies.
        Log.SessionExpired(core.Logger, call.CallId, seconds);
        _ = core.Dialogs.SendByeAsync(call, SipCallParty.System, "session expired");
    }

    /// <summary>The refresher's re-INVITE: the same session description, version unchanged (RFC 4028 10, RFC 3264 8).</summary>
    private async Task RefreshAsync(SipCall call)
    {
        try
        {
            if (!await call.ReInviteGate.WaitAsync(0).ConfigureAwait(false))
            {
                return; // our re-INVITE in flight refreshes the session when it succeeds
            }

            SipTransactionResult result;
            try
            {
                Sdp.SdpSessionDescription? offer;
                lock (call.Gate)
                {
                    if (call.State is not (SipCallState.Answered or SipCallState.Held))
                    {
                        return;
                    }

                    offer = call.Negotiation.LocalSdp;
                }

                result = await core.Dialogs.SendReInviteAsync(call, offer, null, core.Stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                call.ReInviteGate.Release();
            }

            if (result.Response is { IsSuccess: true })
            {
                Log.SessionRefreshed(core.Logger, call.CallId);
                return;
            }

            Log.SessionRefreshFailed(core.Logger, call.CallId, result.StatusCode, result.Reason);
            if (!await core.Dialogs.EndOnFailureAsync(call, result, "session refresh failed").ConfigureAwait(false))
            {
                RetryOrExpire(call);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(core.Logger, call.CallId, ex);
        }
    }

    /// <summary>A refresh failed without ending the dialog (e.g. 491, 500): try again at half the time left, BYE when little is left.</summary>
    private void RetryOrExpire(SipCall call)
    {
        bool expire;
        lock (call.Gate)
        {
            var state = call.SessionTimer;
            if (call.State == SipCallState.Ended || state.Interval is not { } interval || state.RefreshedAt is not { } at)
            {
                return;
            }

            var left = at + interval - core.Time.GetUtcNow();
            expire = left < TimeSpan.FromSeconds(2);
            if (!expire)
            {
                state.Stop();
                state.Timer = core.Time.CreateTimer(_ => OnTimer(call), null, left / 2, Timeout.InfiniteTimeSpan);
            }
        }

        if (expire)
        {
            _ = core.Dialogs.SendByeAsync(call, SipCallParty.System, "session expired");
        }
    }
}

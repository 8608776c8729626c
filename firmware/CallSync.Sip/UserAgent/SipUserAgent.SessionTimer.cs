using CallSync.Sdp;
using CallSync.Sip.Authentication;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// Session timers (RFC 4028): Session-Expires and Min-SE on INVITEs and their 2xx, 422 both ways, refresh by
/// re-INVITE at half the interval, BYE when the peer stops refreshing. Also the re-INVITE sender shared with hold.
/// </summary>
public sealed partial class SipUserAgent
{
    private bool SessionTimersOn => _options.SessionExpires > TimeSpan.Zero;

    private string SupportedTags => SessionTimersOn ? "replaces, timer" : "replaces";

    private static void ValidateSessionTimerOptions(SipUserAgentOptions options)
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

    /// <summary>Supported, Session-Expires and Min-SE of an INVITE (RFC 4028 7.1) or re-INVITE (7.4). Under the call's gate.</summary>
    private void AddSessionTimerRequestHeaders(SipMessageBuilder builder, SipCall call, bool inDialog)
    {
        if (!SessionTimersOn)
        {
            return;
        }

        if (inDialog)
        {
            // The current refresher stays the refresher: refresher=uac when that is us, uas when it is the peer.
            builder.AddHeader(SipHeaderNames.Supported, SupportedTags);
            var refresher = call.SessionInterval is null || call.IsSessionRefresher ? SipSessionTimerPolicy.Uac : SipSessionTimerPolicy.Uas;
            builder.AddHeader(SipHeaderNames.SessionExpires, new SipSessionExpires(call.SessionRequestInterval, refresher).ToString());
        }
        else
        {
            // No refresher parameter: the UAS chooses (RFC 4028 7.1).
            builder.AddHeader(SipHeaderNames.SessionExpires, new SipSessionExpires(call.SessionRequestInterval).ToString());
        }

        builder.AddHeader(SipHeaderNames.MinSE, SipSessionTimerPolicy.Seconds(call.SessionMinInterval));
    }

    /// <summary>Session-Expires (and Require: timer when the UAC refreshes) of a 2xx (RFC 4028 9).</summary>
    private static void AddSessionTimerResponseHeaders(SipMessageBuilder builder, SipSessionTimerAnswer? answer)
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
    private void SendIntervalTooSmall(SipServerTransaction tx, SipSessionTimerAnswer answer, string localTag)
    {
        var request = tx.Request;
        var b = SipResponseBuilder.CreateFor(request, 422, null, localTag);
        b.AddHeader(SipHeaderNames.MinSE, SipSessionTimerPolicy.Seconds(answer.MinimumInterval));
        AddCommonHeaders(b, withAllow: false);
        tx.SendResponse(b.Build());
        Log.SessionIntervalTooSmall(_logger, request.CallId, (long)(request.SessionExpires?.Interval.TotalSeconds ?? 0), (long)answer.MinimumInterval.TotalSeconds);
    }

    /// <summary>
    /// A 422 to our INVITE or re-INVITE: take its Min-SE as the new interval and minimum (RFC 4028 7.4). False when
    /// the 422 asks for nothing larger than we sent (a retry would fail the same way).
    /// </summary>
    private bool TryRaiseSessionInterval(SipCall call, SipResponse response)
    {
        if (!SessionTimersOn || response.MinSessionExpires is not { } minimum)
        {
            return false;
        }

        lock (call.Gate)
        {
            if (minimum <= call.SessionRequestInterval)
            {
                return false;
            }

            call.SessionRequestInterval = minimum;
            if (minimum > call.SessionMinInterval)
            {
                call.SessionMinInterval = minimum;
            }
        }

        Log.SessionIntervalRaised(_logger, call.CallId, (long)minimum.TotalSeconds);
        return true;
    }

    /// <summary>
    /// Starts (or stops, for null) the session timer after a 2xx to an INVITE or re-INVITE was sent or received:
    /// the refresher's timer fires at half the interval, the other side's at interval - min(32 s, interval / 3).
    /// Under the call's gate.
    /// </summary>
    private void ApplySessionTimer(SipCall call, SipSessionTimerTerms? terms)
    {
        call.SessionTimer?.Dispose();
        call.SessionTimer = null;
        call.SessionInterval = terms?.Interval;
        call.IsSessionRefresher = terms?.LocalRefresher ?? false;
        if (terms is not { } t || call.State == SipCallState.Ended)
        {
            return;
        }

        call.SessionRequestInterval = t.Interval;
        call.SessionRefreshedAt = _time.GetUtcNow();
        call.SessionTimer = _time.CreateTimer(_ => OnSessionTimer(call), null, t.Due, Timeout.InfiniteTimeSpan);
        Log.SessionTimerSet(_logger, call.CallId, (long)t.Interval.TotalSeconds, t.LocalRefresher ? "us" : "peer");
    }

    private void OnSessionTimer(SipCall call)
    {
        bool refresher;
        long seconds;
        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended || call.SessionInterval is not { } interval)
            {
                return;
            }

            refresher = call.IsSessionRefresher;
            seconds = (long)interval.TotalSeconds;
        }

        if (refresher)
        {
            _ = Task.Run(() => RefreshSessionAsync(call), CancellationToken.None);
            return;
        }

        // RFC 4028 10: no refresh came, so the session is presumed dead; BYE ends it on both sides and proxies.
        Log.SessionExpired(_logger, call.CallId, seconds);
        _ = SendByeAsync(call, SipCallParty.System, "session expired");
    }

    /// <summary>The refresher's re-INVITE: the same session description, version unchanged (RFC 4028 10, RFC 3264 8).</summary>
    private async Task RefreshSessionAsync(SipCall call)
    {
        try
        {
            if (!await call.ReInviteGate.WaitAsync(0).ConfigureAwait(false))
            {
                return; // our re-INVITE in flight refreshes the session when it succeeds
            }

            (SipTransactionResult Result, bool StateChanged) sent;
            try
            {
                SdpSessionDescription? offer;
                lock (call.Gate)
                {
                    if (call.State is not (SipCallState.Answered or SipCallState.Held))
                    {
                        return;
                    }

                    offer = call.LocalSdp;
                }

                sent = await SendReInviteAsync(call, offer, null, _stop.Token).ConfigureAwait(false);
            }
            finally
            {
                call.ReInviteGate.Release();
            }

            if (sent.Result.Response is { IsSuccess: true })
            {
                Log.SessionRefreshed(_logger, call.CallId);
                if (sent.StateChanged)
                {
                    RaiseState(call);
                }

                return;
            }

            Log.SessionRefreshFailed(_logger, call.CallId, sent.Result.StatusCode, sent.Result.Reason);
            if (!await EndOnInDialogFailureAsync(call, sent.Result, "session refresh failed").ConfigureAwait(false))
            {
                RetryRefreshOrExpire(call);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, call.CallId, ex);
        }
    }

    /// <summary>A refresh failed without ending the dialog (e.g. 491, 500): try again at half the time left, BYE when little is left.</summary>
    private void RetryRefreshOrExpire(SipCall call)
    {
        bool expire;
        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended || call.SessionInterval is not { } interval || call.SessionRefreshedAt is not { } at)
            {
                return;
            }

            var left = at + interval - _time.GetUtcNow();
            expire = left < TimeSpan.FromSeconds(2);
            if (!expire)
            {
                call.SessionTimer?.Dispose();
                call.SessionTimer = _time.CreateTimer(_ => OnSessionTimer(call), null, left / 2, Timeout.InfiniteTimeSpan);
            }
        }

        if (expire)
        {
            _ = SendByeAsync(call, SipCallParty.System, "session expired");
        }
    }

    /// <summary>
    /// RFC 3261 12.2.1.2: a 481 or 408 (or no answer) to an in-dialog request ends the dialog; after a 481 the
    /// peer has no dialog left, so no BYE. True when the call is (now) ended.
    /// </summary>
    private async Task<bool> EndOnInDialogFailureAsync(SipCall call, SipTransactionResult result, string what)
    {
        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended)
            {
                return true;
            }
        }

        var reason = $"{what}: {result.StatusCode} {result.Reason}";
        if (result.StatusCode == 481)
        {
            EndCall(call, SipCallResult.Answered, 200, reason, SipCallParty.System);
            return true;
        }

        if (result.TimedOut || result.StatusCode == 408)
        {
            await SendByeAsync(call, SipCallParty.System, reason).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Sends a re-INVITE carrying <paramref name="offer"/> (null: none) and the session timer headers, retrying once
    /// after a 422 and once after a 401/407 the call's credentials can answer; on a 2xx ACKs it, takes the answer (media restarted only when it changed), the hold flag and the
    /// session timer. The caller holds <see cref="SipCall.ReInviteGate"/>.
    /// </summary>
    private async Task<(SipTransactionResult Result, bool StateChanged)> SendReInviteAsync(SipCall call, SdpSessionDescription? offer, bool? hold, CancellationToken cancellationToken)
    {
        var body = offer is null ? null : System.Text.Encoding.UTF8.GetBytes(SdpWriter.Write(offer));
        var intervalRaised = false;
        var authenticated = false;
        while (true)
        {
            SipClientTransaction tx;
            lock (call.Gate)
            {
                if (call.State == SipCallState.Ended)
                {
                    return (new SipTransactionResult(null), false);
                }

                var target = call.Target!;
                var reInvite = BuildInDialogRequest(call, SipMethod.Invite, ++call.LocalSequence, b =>
                {
                    b.AddHeader(SipHeaderNames.Contact, ContactFor(target).ToString());
                    AddSessionTimerRequestHeaders(b, call, inDialog: true);
                    foreach (var (name, value) in call.Authenticator?.Authorize("INVITE", call.RemoteTarget!.ToString()) ?? [])
                    {
                        b.AddHeader(name, value);
                    }

                    if (body is not null)
                    {
                        b.SetBody(body, "application/sdp");
                    }
                });
                tx = _transactions.SendRequest(reInvite, target);
            }

            var result = await tx.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!intervalRaised && result.Response is { StatusCode: 422 } tooSmall && TryRaiseSessionInterval(call, tooSmall))
            {
                intervalRaised = true;
                continue;
            }

            // A proxy may challenge in-dialog requests too (RFC 3261 22.3); one retry, as for the first INVITE.
            if (!authenticated && result.Response is { StatusCode: 401 or 407 } challenge && call.Authenticator is { } auth
                && auth.Accept(DigestChallenge.FromResponse(challenge)))
            {
                authenticated = true;
                continue;
            }

            if (result.Response is not { IsSuccess: true } ok)
            {
                return (result, false);
            }

            lock (call.Gate)
            {
                var ack = BuildInDialogRequest(call, SipMethod.Ack, ok.CSeq.Sequence, null);
                if (call.State == SipCallState.Ended)
                {
                    _transactions.SendStateless(ack, call.Target!);
                    return (result, false);
                }

                if (offer is not null)
                {
                    call.LocalSdp = offer;
                    if (SdpParser.TryParse(ok.Body.Span, out var answer, out _) && SdpOfferAnswer.TryReadAnswer(offer, answer!, out var media, out _))
                    {
                        call.RemoteSdpOrigin = answer!.Origin;
                        if (media != call.Media)
                        {
                            call.Media = media;
                            call.CallMedia?.Start(media!);
                        }
                    }
                }

                if (hold is { } h)
                {
                    call.LocalHold = h;
                }

                ApplySessionTimer(call, SessionTimersOn ? SipSessionTimerPolicy.FromResponse(ok) : null);
                var next = call.LocalHold || call.Media?.Direction is SdpDirection.RecvOnly or SdpDirection.Inactive ? SipCallState.Held : SipCallState.Answered;
                var changed = call.State != next;
                call.State = next;
                _transactions.SendStateless(ack, call.Target!); // last, so a peer that sees the ACK sees the new state
                return (result, changed);
            }
        }
    }
}

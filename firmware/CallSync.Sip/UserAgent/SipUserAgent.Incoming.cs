using CallSync.Sdp;
using CallSync.Sip.Authentication;
using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;

namespace CallSync.Sip.UserAgent;

/// <summary>Incoming requests: INVITE, re-INVITE, ACK, CANCEL, BYE, OPTIONS and the rest (RFC 3261 sections 8.2, 9.2, 13.3, 15, 11).</summary>
public sealed partial class SipUserAgent
{
    private static readonly string[] KnownUnsupported = ["REGISTER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE", "REFER", "INFO", "PRACK", "UPDATE"];

    private void OnRequest(SipServerTransaction tx)
    {
        try
        {
            var request = tx.Request;
            var method = request.Method;
            if (method == SipMethod.Invite)
            {
                if (request.To?.Tag is null)
                {
                    OnInvite(tx);
                }
                else
                {
                    OnReInvite(tx);
                }
            }
            else if (method == SipMethod.Cancel)
            {
                OnCancel(tx);
            }
            else if (method == SipMethod.Bye)
            {
                OnBye(tx);
            }
            else if (method == SipMethod.Options)
            {
                var b = SipResponseBuilder.CreateFor(request, 200, null, SipIds.NewTag());
                AddCommonHeaders(b, withAllow: true);
                b.AddHeader(SipHeaderNames.Accept, "application/sdp");
                b.AddHeader(SipHeaderNames.Supported, SupportedTags);
                tx.SendResponse(b.Build());
            }
            else
            {
                var code = KnownUnsupported.Contains(method.Name, StringComparer.Ordinal) ? 405 : 501;
                var b = SipResponseBuilder.CreateFor(request, code, null, SipIds.NewTag());
                b.AddHeader(SipHeaderNames.Allow, AllowedMethods);
                tx.SendResponse(b.Build());
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, tx.Request.CallId, ex);
            tx.SendResponse(SipMessages.CreateResponse(tx.Request, 500));
        }
    }

    private void OnInvite(SipServerTransaction serverTx)
    {
        var tx = (SipInviteServerTransaction)serverTx;
        var request = tx.Request;
        var localTag = SipIds.NewTag();
        if (_calls.ContainsKey(request.CallId))
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 482, "Loop Detected", localTag));
            return;
        }

        if (UnsupportedRequirements(request) is { Count: > 0 } unsupported)
        {
            var b = SipResponseBuilder.CreateFor(request, 420, null, localTag);
            b.AddHeader(SipHeaderNames.Unsupported, string.Join(", ", unsupported));
            tx.SendResponse(b.Build());
            return;
        }

        SipSessionTimerAnswer? session = null;
        if (SessionTimersOn)
        {
            session = SipSessionTimerPolicy.Answer(request, _options.SessionExpires, _options.MinSessionExpires);
            if (session.TooSmall)
            {
                SendIntervalTooSmall(tx, session, localTag);
                return;
            }
        }

        var remote = request.From!;
        var local = (request.To ?? new SipNameAddress(request.RequestUri!)).WithTag(localTag);
        var call = new SipCall(this, request.CallId, SipCallDirection.Incoming, local, remote, _time.GetUtcNow())
        {
            State = SipCallState.Ringing,
            InviteServerTransaction = tx,
            RemoteSequence = request.CSeq.Sequence,
            RemoteTarget = request.Contacts.Count > 0 ? request.Contacts[0].Uri : remote.Uri,
            RouteSet = [.. request.RecordRoutes],
            Target = tx.ResponseTarget,
            PendingSessionAnswer = session,
            SessionRequestInterval = session?.Interval ?? _options.SessionExpires,
            SessionMinInterval = _options.MinSessionExpires,
        };
        if (_calls.Count >= _options.MaxCalls)
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 486, null, localTag));
            call.TryEnd(SipCallResult.Busy, 486, "Busy Here (call limit)", SipCallParty.System, _time.GetUtcNow());
            Log.CallEnded(_logger, call.CallId, nameof(SipCallResult.Busy), 486, "call limit", nameof(SipCallParty.System));
            RaiseState(call);
            call.CompleteOutcome();
            return;
        }

        if (!SdpParser.TryParse(request.Body.Span, out var offer, out var sdpError))
        {
            // An INVITE without an offer wants ours in the 200 (RFC 3264 section 5); a broken one is refused.
            if (request.Body.Length > 0)
            {
                tx.SendResponse(SipMessages.CreateResponse(request, 400, "Bad SDP: " + sdpError, localTag));
                return;
            }
        }

        _calls[call.CallId] = call;
        call.CallMedia = _mediaFactory.Create(call.CallId);
        if (_options.Password is not null)
        {
            call.Authenticator = new DigestAuthenticator(new DigestCredentials(_options.AuthUser ?? _options.User, _options.Password));
        }

        call.Target = NextHopFor(call) ?? tx.ResponseTarget;
        if (offer is not null)
        {
            var answer = SdpOfferAnswer.CreateAnswer(offer, LocalMediaFor(call, SdpDirection.SendRecv), _options.AnswerPolicy);
            if (answer.Media is null)
            {
                tx.SendResponse(SipMessages.CreateResponse(request, 488, null, localTag));
                EndCall(call, SipCallResult.Failed, 488, answer.Reason ?? "no common media", SipCallParty.System);
                return;
            }

            call.PendingAnswer = answer;
            call.RemoteSdpOrigin = offer.Origin;
        }

        lock (call.Gate)
        {
            var ringing = SipResponseBuilder.CreateFor(request, 180, null, localTag);
            ringing.AddHeader(SipHeaderNames.Contact, ContactFor(tx.ResponseTarget).ToString());
            tx.SendResponse(ringing.Build());
            call.RingingAt = _time.GetUtcNow();
            call.RingTimer = _time.CreateTimer(_ => OnRingTimeout(call), null, _options.RingTimeout, Timeout.InfiniteTimeSpan);
        }

        Log.IncomingCall(_logger, call.CallId, call.RemoteUri);
        try
        {
            IncomingCall?.Invoke(call);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, call.CallId, ex);
        }

        RaiseState(call);
        ScheduleAutoAnswer(call, request);
    }

    private void ScheduleAutoAnswer(SipCall call, SipRequest request)
    {
        TimeSpan? delay = _options.AutoAnswer switch
        {
            SipAutoAnswerMode.Immediately => TimeSpan.Zero,
            SipAutoAnswerMode.AfterDelay => _options.AutoAnswerDelay,
            SipAutoAnswerMode.WhenRequested => request.AnswerAfter ?? (AlertInfoAsksAutoAnswer(request) ? TimeSpan.Zero : null),
            _ => null,
        };
        if (delay is null)
        {
            return;
        }

        if (delay.Value <= TimeSpan.Zero)
        {
            AnswerCall(call);
            return;
        }

        lock (call.Gate)
        {
            call.AutoAnswerTimer = _time.CreateTimer(_ => AnswerCall(call), null, delay.Value, Timeout.InfiniteTimeSpan);
        }
    }

    private static bool AlertInfoAsksAutoAnswer(SipRequest request)
    {
        foreach (var info in request.AlertInfo)
        {
            if (info.Uri.Contains("auto-answer", StringComparison.OrdinalIgnoreCase)
                || string.Equals(info.Parameters.GetValue("info"), "alert-autoanswer", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    internal bool AnswerCall(SipCall call)
    {
        lock (call.Gate)
        {
            if (call.Direction != SipCallDirection.Incoming || call.State != SipCallState.Ringing || call.InviteServerTransaction is not { } tx)
            {
                return false;
            }

            var request = tx.Request;
            var b = SipResponseBuilder.CreateFor(request, 200, null, call.LocalTag);
            b.AddHeader(SipHeaderNames.Contact, ContactFor(tx.ResponseTarget).ToString());
            AddCommonHeaders(b, withAllow: true);
            b.AddHeader(SipHeaderNames.Supported, SupportedTags);
            AddSessionTimerResponseHeaders(b, call.PendingSessionAnswer);
            SdpSessionDescription body;
            if (call.PendingAnswer is { } answer)
            {
                body = answer.Session;
            }
            else
            {
                body = SdpOfferAnswer.CreateOffer(LocalMediaFor(call, SdpDirection.SendRecv)); // offer in the 200, answer in the ACK
            }

            call.LocalSdp = body;
            b.SetBody(System.Text.Encoding.UTF8.GetBytes(SdpWriter.Write(body)), "application/sdp");
            var ok = b.Build();
            if (!tx.SendResponse(ok))
            {
                return false;
            }

            call.Ok = ok;
            call.RingTimer?.Dispose();
            call.AutoAnswerTimer?.Dispose();
            call.State = SipCallState.Answered;
            call.AnsweredAt = _time.GetUtcNow();
            if (call.PendingAnswer?.Media is { } media)
            {
                call.Media = media;
                call.CallMedia?.Start(media);
            }

            ApplySessionTimer(call, call.PendingSessionAnswer is { } session ? new SipSessionTimerTerms(session.Interval, session.LocalRefresher) : null);

            // RFC 3261 13.3.1.4: the UA core retransmits the 2xx (T1 doubling to T2) until the ACK, for 64*T1.
            if (!tx.ResponseTarget.IsReliable)
            {
                call.RetransmitInterval = _options.Timers.T1;
                call.RetransmitTimer = _time.CreateTimer(_ => RetransmitOk(call), null, call.RetransmitInterval, Timeout.InfiniteTimeSpan);
            }
            else
            {
                call.RetransmitInterval = _options.Timers.TransactionTimeout;
                call.RetransmitTimer = _time.CreateTimer(_ => RetransmitOk(call), null, call.RetransmitInterval, Timeout.InfiniteTimeSpan);
            }
        }

        RaiseState(call);
        return true;
    }

    private void RetransmitOk(SipCall call)
    {
        var giveUp = false;
        lock (call.Gate)
        {
            if (call.Ok is null || call.State == SipCallState.Ended || call.InviteServerTransaction is not { } tx)
            {
                return;
            }

            var elapsed = _time.GetUtcNow() - call.AnsweredAt!.Value;
            if (elapsed >= _options.Timers.TransactionTimeout)
            {
                giveUp = true;
            }
            else
            {
                tx.SendResponse(call.Ok);
                call.RetransmitInterval = TimeSpan.FromTicks(Math.Min((call.RetransmitInterval * 2).Ticks, _options.Timers.T2.Ticks));
                call.RetransmitTimer?.Dispose();
                call.RetransmitTimer = _time.CreateTimer(_ => RetransmitOk(call), null, call.RetransmitInterval, Timeout.InfiniteTimeSpan);
            }
        }

        if (giveUp)
        {
            // No ACK for 64*T1: the dialog is confirmed and then ended with BYE (RFC 3261 13.3.1.4).
            _ = SendByeAsync(call, SipCallParty.System);
        }
    }

    internal bool RejectCall(SipCall call)
    {
        lock (call.Gate)
        {
            if (call.Direction != SipCallDirection.Incoming || call.State != SipCallState.Ringing || call.InviteServerTransaction is not { } tx)
            {
                return false;
            }

            if (!tx.SendResponse(SipMessages.CreateResponse(tx.Request, 603, null, call.LocalTag)))
            {
                return false;
            }
        }

        EndCall(call, SipCallResult.Rejected, 603, "Decline", SipCallParty.Local);
        return true;
    }

    private void OnRingTimeout(SipCall call)
    {
        lock (call.Gate)
        {
            if (call.State != SipCallState.Ringing || call.InviteServerTransaction is not { } tx
                || !tx.SendResponse(SipMessages.CreateResponse(tx.Request, 480, null, call.LocalTag)))
            {
                return;
            }
        }

        EndCall(call, SipCallResult.NoAnswer, 480, "not answered", SipCallParty.System);
    }

    private void OnAck(SipRequest ack, SipTarget source)
    {
        if (!_calls.TryGetValue(ack.CallId, out var call))
        {
            return;
        }

        lock (call.Gate)
        {
            call.RetransmitTimer?.Dispose();
            call.RetransmitTimer = null;
            call.Ok = null;
            if (call.PendingAnswer is null && call.LocalSdp is not null && SdpParser.TryParse(ack.Body.Span, out var answer, out _)
                && SdpOfferAnswer.TryReadAnswer(call.LocalSdp, answer!, out var media, out _))
            {
                call.RemoteSdpOrigin = answer!.Origin;
                call.Media = media;
                call.CallMedia?.Start(media!);
            }
        }
    }

    private void OnCancel(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (tx.CancelledInvite is not { } invite)
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 481, null, SipIds.NewTag()));
            return;
        }

        tx.SendResponse(SipMessages.CreateResponse(request, 200, null, request.To?.Tag ?? SipIds.NewTag()));
        if (!_calls.TryGetValue(invite.Request.CallId, out var call))
        {
            return;
        }

        bool cancelled;
        lock (call.Gate)
        {
            cancelled = call.State == SipCallState.Ringing && invite.SendResponse(SipMessages.CreateResponse(invite.Request, 487, null, call.LocalTag));
        }

        if (cancelled)
        {
            EndCall(call, SipCallResult.Cancelled, 487, "caller cancelled", SipCallParty.Remote);
        }
    }

    private void OnBye(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (!_calls.TryGetValue(request.CallId, out var call) || !string.Equals(request.To?.Tag, call.LocalTag, StringComparison.Ordinal))
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 481, null, SipIds.NewTag()));
            return;
        }

        tx.SendResponse(SipMessages.CreateResponse(request, 200));
        var answered = call.AnsweredAt is not null;
        EndCall(call, answered ? SipCallResult.Answered : SipCallResult.Cancelled, answered ? 200 : 487, "remote hung up", SipCallParty.Remote);
    }

    private void OnReInvite(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (!_calls.TryGetValue(request.CallId, out var call) || !string.Equals(request.To?.Tag, call.LocalTag, StringComparison.Ordinal))
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 481));
            return;
        }

        bool raise;
        lock (call.Gate)
        {
            if (call.RemoteSequence is { } last && request.CSeq.Sequence <= last)
            {
                tx.SendResponse(SipMessages.CreateResponse(request, 500, "Out of order CSeq"));
                return;
            }

            call.RemoteSequence = request.CSeq.Sequence;
            if (call.ReInviteGate.CurrentCount == 0)
            {
                // Our own re-INVITE is in progress: glare (RFC 3261 14.2); the peer retries after a random delay.
                tx.SendResponse(SipMessages.CreateResponse(request, 491));
                return;
            }

            SipSessionTimerAnswer? session = null;
            if (SessionTimersOn)
            {
                session = SipSessionTimerPolicy.Answer(request, _options.SessionExpires, _options.MinSessionExpires);
                if (session.TooSmall)
                {
                    SendIntervalTooSmall(tx, session, call.LocalTag);
                    return;
                }
            }

            if (request.Contacts.Count > 0)
            {
                call.RemoteTarget = request.Contacts[0].Uri; // RFC 3261 12.2.2: target refresh
            }

            SdpSessionDescription body;
            SdpNegotiatedMedia? media = null;
            if (SdpParser.TryParse(request.Body.Span, out var offer, out _))
            {
                if (call.LocalSdp is not null && offer!.Origin == call.RemoteSdpOrigin)
                {
                    // The peer's description is unchanged (a session refresh, RFC 4028 10): so is ours, version included.
                    body = call.LocalSdp;
                }
                else
                {
                    var answer = SdpOfferAnswer.CreateAnswer(offer!, LocalMediaFor(call, call.LocalHold ? SdpDirection.SendOnly : SdpDirection.SendRecv), _options.AnswerPolicy);
                    if (answer.Media is null)
                    {
                        tx.SendResponse(SipMessages.CreateResponse(request, 488));
                        return;
                    }

                    body = answer.Session;
                    media = answer.Media;
                    call.RemoteSdpOrigin = offer!.Origin;
                }
            }
            else
            {
                body = call.LocalSdp ?? SdpOfferAnswer.CreateOffer(LocalMediaFor(call, SdpDirection.SendRecv));
            }

            var b = SipResponseBuilder.CreateFor(request, 200, null, call.LocalTag);
            b.AddHeader(SipHeaderNames.Contact, ContactFor(tx.ResponseTarget).ToString());
            AddCommonHeaders(b, withAllow: true);
            b.AddHeader(SipHeaderNames.Supported, SupportedTags);
            AddSessionTimerResponseHeaders(b, session);
            b.SetBody(System.Text.Encoding.UTF8.GetBytes(SdpWriter.Write(body)), "application/sdp");
            tx.SendResponse(b.Build());
            call.LocalSdp = body;
            ApplySessionTimer(call, session is null ? null : new SipSessionTimerTerms(session.Interval, session.LocalRefresher));
            if (media is not null)
            {
                if (media != call.Media)
                {
                    call.Media = media;
                    call.CallMedia?.Start(media);
                }

                var held = media.Direction is SdpDirection.RecvOnly or SdpDirection.Inactive || call.LocalHold;
                var next = held ? SipCallState.Held : SipCallState.Answered;
                raise = call.State != next && call.State != SipCallState.Ended;
                if (raise)
                {
                    call.State = next;
                }
            }
            else
            {
                raise = false;
            }
        }

        if (raise)
        {
            RaiseState(call);
        }
    }

    /// <summary>Option tags of Require we do not support (RFC 3261 8.2.2.3); <c>timer</c> is supported when session timers are on.</summary>
    private List<string> UnsupportedRequirements(SipRequest request) =>
        [.. request.Require.Where(tag => !(SessionTimersOn && string.Equals(tag, SipSessionTimerPolicy.OptionTag, StringComparison.OrdinalIgnoreCase)))];
}

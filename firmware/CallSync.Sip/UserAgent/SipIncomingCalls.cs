using System.Text;
using CallSync.Sdp;
using CallSync.Sip.Authentication;
using CallSync.Sip.Dialogs;
using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// The UAS side of calls (RFC 3261 sections 13.3, 9.2): admission of a new INVITE (well formed, supported,
/// within the call limit, an offer we can answer), ringing, answer with the 2xx retransmitted until the ACK,
/// rejection, ring timeout, CANCEL.
/// </summary>
internal sealed class SipIncomingCalls(SipUserAgentCore core)
{
    public void OnInvite(SipInviteServerTransaction tx)
    {
        var request = tx.Request;
        var localTag = SipIds.NewTag();
        if (!IsCall(request, out var malformed))
        {
            // Not well formed enough to be a call: nothing rings and nothing is recorded.
            tx.SendResponse(SipMessages.CreateResponse(request, 400, malformed, localTag));
            Log.InviteRefused(core.Logger, request.CallId, 400, malformed);
            return;
        }

        if (core.TryGetCall(request.CallId, out _))
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

        var session = core.SessionTimers.Answer(request);
        if (session is { TooSmall: true })
        {
            core.SessionTimers.SendIntervalTooSmall(tx, session, localTag);
            return;
        }

        SdpSessionDescription? offer = null;
        if (request.Body.Length > 0 && !SdpParser.TryParse(request.Body.Span, out offer, out var sdpError))
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 400, "Bad SDP: " + sdpError, localTag));
            Log.InviteRefused(core.Logger, request.CallId, 400, "bad SDP: " + sdpError);
            return;
        }

        var capabilities = core.Options.Media;
        var call = new SipCall(core, SipDialog.ForIncoming(request, localTag, overTls: tx.ResponseTarget.Transport == SipTransportKind.Tls), SipCallDirection.Incoming, capabilities, core.Time.GetUtcNow())
        {
            State = SipCallState.Ringing,
            Incoming = new SipIncomingInvite(tx, session),
            Target = tx.ResponseTarget,
            AnswerAfterRequested = request.AnswerAfter ?? (AlertInfoAsksAutoAnswer(request) ? TimeSpan.Zero : null),
            Authenticator = core.Options.Password is null ? null : new DigestAuthenticator(new DigestCredentials(core.Options.AuthUser ?? core.Options.User, core.Options.Password)),
        };
        call.Target = core.NextHopFor(call) ?? tx.ResponseTarget;
        call.SignallingTransport = tx.ResponseTarget.Transport;
        call.Negotiation.KeysMayTravel = SipMediaNegotiation.MayKeysTravel(call.SignallingTransport, core.Options.AllowSdesOverPlainSip);
        call.Negotiation.PendingOffer = offer;
        if (offer is not null)
        {
            call.Negotiation.RemoteOrigin = offer.Origin;
        }

        if (core.CallCount >= core.Options.MaxCalls)
        {
            tx.SendResponse(core.RefusalWithWarning(request, 486, SdpRefusal.Miscellaneous, "call limit reached", localTag));
            Log.InviteRefused(core.Logger, request.CallId, 486, "call limit reached");
            core.EndCall(call, SipCallResult.Busy, 486, "Busy Here (call limit)", SipCallParty.System);
            return;
        }

        // SRTP required but the keys could only travel in clear: refused before anything rings.
        if (SipMediaNegotiation.SdesRefusal(capabilities, call.SignallingTransport, core.Options.AllowSdesOverPlainSip) is { } noKeys)
        {
            tx.SendResponse(core.RefusalWithWarning(request, 488, SdpRefusal.Miscellaneous, noKeys, localTag));
            Log.InviteRefused(core.Logger, request.CallId, 488, noKeys);
            core.EndCall(call, SipCallResult.Failed, 488, "Not Acceptable Here: " + noKeys, SipCallParty.System);
            return;
        }

        // Refuse an offer we cannot answer now, before anything rings (the answer's port comes with Answer).
        if (offer is not null && SdpOfferAnswer.CreateAnswer(offer, call.Negotiation.For(capabilities.Direction), core.Options.AnswerPolicy) is { Media: null } refused)
        {
            var why = refused.Reason ?? "no common media";
            tx.SendResponse(core.RefusalWithWarning(request, 488, refused.WarningCode ?? SdpRefusal.IncompatibleMediaFormat, why, localTag));
            Log.InviteRefused(core.Logger, request.CallId, 488, why);
            core.EndCall(call, SipCallResult.Failed, 488, "Not Acceptable Here: " + why, SipCallParty.System);
            return;
        }

        lock (call.Gate)
        {
            if (!core.TryAddCall(call))
            {
                tx.SendResponse(SipMessages.CreateResponse(request, 482, "Loop Detected", localTag));
                return;
            }

            var ringing = SipResponseBuilder.CreateFor(request, 180, null, localTag);
            ringing.AddHeader(SipHeaderNames.Contact, core.ContactFor(tx.ResponseTarget).ToString());
            tx.SendResponse(ringing.Build());
            call.RingingAt = core.Time.GetUtcNow();
            call.Incoming!.RingTimer = core.Time.CreateTimer(_ => OnRingTimeout(call), null, core.Options.RingTimeout, Timeout.InfiniteTimeSpan);
            Log.IncomingCall(core.Logger, call.CallId, call.RemoteUri);
            core.Raise(new SipCallIncoming(call));
        }
    }

    public bool Answer(SipCall call, SdpLocalMedia media)
    {
        string? refusal = null;
        lock (call.Gate)
        {
            if (call.Direction != SipCallDirection.Incoming || call.State != SipCallState.Ringing || call.Incoming is not { } invite)
            {
                return false;
            }

            var tx = invite.Transaction;
            var request = tx.Request;
            var negotiation = call.Negotiation;
            negotiation.Local = media;
            SdpSessionDescription body;
            SdpNegotiatedMedia? negotiated = null;
            if (negotiation.PendingOffer is { } offer)
            {
                var answer = negotiation.CreateAnswer(offer, SdpDirection.SendRecv, core.Options.AnswerPolicy);
                if (answer.Media is null)
                {
                    refusal = answer.Reason ?? "no common media";
                    tx.SendResponse(core.RefusalWithWarning(request, 488, answer.WarningCode ?? SdpRefusal.IncompatibleMediaFormat, refusal, call.Dialog.LocalTag));
                }

                body = answer.Session;
                negotiated = answer.Media;
            }
            else
            {
                body = negotiation.CreateOffer(SdpDirection.SendRecv); // offer in the 200, answer in the ACK
            }

            if (refusal is null)
            {
                var b = SipResponseBuilder.CreateFor(request, 200, null, call.Dialog.LocalTag);
                b.AddHeader(SipHeaderNames.Contact, core.ContactFor(tx.ResponseTarget).ToString());
                core.AddCommonHeaders(b, withAllow: true);
                SipSessionTimers.AddResponseHeaders(b, invite.SessionTimer);
                b.SetBody(Encoding.UTF8.GetBytes(SdpWriter.Write(body)), "application/sdp");
                var ok = b.Build();
                if (!tx.SendResponse(ok))
                {
                    return false;
                }

                negotiation.LocalSdp = body;
                invite.Ok = ok;
                invite.RingTimer?.Dispose();
                call.State = SipCallState.Answered;
                call.AnsweredAt = core.Time.GetUtcNow();
                core.SessionTimers.Apply(call, invite.SessionTimer is { } s ? new SipSessionTimerTerms(s.Interval, s.LocalRefresher) : null);

                // RFC 3261 13.3.1.4: the UA core retransmits the 2xx (T1 doubling to T2) until the ACK, for 64*T1; on
                // a reliable transport it only waits, as long, for the ACK.
                invite.RetransmitInterval = tx.ResponseTarget.IsReliable ? core.Options.Timers.TransactionTimeout : core.Options.Timers.T1;
                invite.RetransmitTimer = core.Time.CreateTimer(_ => RetransmitOk(call), null, invite.RetransmitInterval, Timeout.InfiniteTimeSpan);
                if (negotiated is not null)
                {
                    core.Dialogs.ApplyMedia(call, negotiated);
                }

                core.Raise(new SipCallAnswered(call));
                return true;
            }
        }

        Log.InviteRefused(core.Logger, call.CallId, 488, refusal);
        core.EndCall(call, SipCallResult.Failed, 488, "Not Acceptable Here: " + refusal, SipCallParty.System);
        return false;
    }

    public bool Reject(SipCall call, int statusCode)
    {
        lock (call.Gate)
        {
            if (call.Direction != SipCallDirection.Incoming || call.State != SipCallState.Ringing || call.Incoming is not { } invite
                || !invite.Transaction.SendResponse(SipMessages.CreateResponse(invite.Transaction.Request, statusCode, null, call.Dialog.LocalTag)))
            {
                return false;
            }
        }

        core.EndCall(call, statusCode == 603 ? SipCallResult.Rejected : SipUserAgentCore.ResultFor(statusCode), statusCode, SipReasonPhrases.Get(statusCode), SipCallParty.Local);
        return true;
    }

    public void OnAck(SipRequest ack)
    {
        if (!core.TryGetCall(ack.CallId, out var call) || call.Incoming is not { } invite)
        {
            return;
        }

        lock (call.Gate)
        {
            if (!call.Dialog.Matches(ack))
            {
                return;
            }

            invite.RetransmitTimer?.Dispose();
            invite.RetransmitTimer = null;
            invite.Ok = null;
            var negotiation = call.Negotiation;
            if (negotiation.PendingOffer is null && negotiation.Current is null && negotiation.LocalSdp is { } ourOffer
                && call.State != SipCallState.Ended
                && SdpParser.TryParse(ack.Body.Span, out var answer, out _)
                && SdpOfferAnswer.TryReadAnswer(ourOffer, answer!, out var media, out _))
            {
                negotiation.RemoteOrigin = answer!.Origin;
                core.Dialogs.ApplyMedia(call, media!);
            }
        }
    }

    public void OnCancel(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (tx.CancelledInvite is not { } invite)
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 481, null, SipIds.NewTag()));
            return;
        }

        tx.SendResponse(SipMessages.CreateResponse(request, 200, null, request.To?.Tag ?? SipIds.NewTag()));
        if (!core.TryGetCall(invite.Request.CallId, out var call))
        {
            return;
        }

        bool cancelled;
        lock (call.Gate)
        {
            cancelled = call.State == SipCallState.Ringing && invite.SendResponse(SipMessages.CreateResponse(invite.Request, 487, null, call.Dialog.LocalTag));
        }

        if (cancelled)
        {
            core.EndCall(call, SipCallResult.Cancelled, 487, "caller cancelled", SipCallParty.Remote);
        }
    }

    /// <summary>Option tags of Require we do not support (RFC 3261 8.2.2.3); <c>timer</c> is supported when session timers are on.</summary>
    public List<string> UnsupportedRequirements(SipRequest request) =>
        [.. request.Require.Where(tag => !(core.SessionTimers.Enabled && string.Equals(tag, SipSessionTimerPolicy.OptionTag, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>
    /// An INVITE that can become a call (RFC 3261 8.1.1, 8.2): From and To with URIs, a From tag, a Call-ID, and
    /// exactly one Contact that is a SIP URI. Anything less is answered 400 with the reason.
    /// </summary>
    private static bool IsCall(SipRequest request, out string reason)
    {
        reason = request switch
        {
            { From: null } => "Missing or malformed From",
            { From.Tag: null } => "From without tag",
            { To: null } => "Missing or malformed To",
            { CallId.Length: 0 } => "Missing Call-ID",
            { IsContactWildcard: true } => "Contact '*' in an INVITE",
            { Contacts.Count: 0 } => "Missing or malformed Contact",
            { Contacts.Count: > 1 } => "More than one Contact in an INVITE",
            _ when request.Contacts[0].Uri.Scheme == SipUriScheme.Tel => "Contact is not a SIP URI",
            _ => string.Empty,
        };
        return reason.Length == 0;
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

    private void OnRingTimeout(SipCall call)
    {
        lock (call.Gate)
        {
            if (call.State != SipCallState.Ringing || call.Incoming is not { } invite
                || !invite.Transaction.SendResponse(SipMessages.CreateResponse(invite.Transaction.Request, 480, null, call.Dialog.LocalTag)))
            {
                return;
            }
        }

        core.EndCall(call, SipCallResult.NoAnswer, 480, "not answered", SipCallParty.System);
    }

    private void RetransmitOk(SipCall call)
    {
        var giveUp = false;
        lock (call.Gate)
        {
            if (call.Incoming is not { Ok: { } ok } invite || call.State == SipCallState.Ended)
            {
                return;
            }

            var left = core.Options.Timers.TransactionTimeout - (core.Time.GetUtcNow() - call.AnsweredAt!.Value);
            if (left <= TimeSpan.Zero)
            {
                giveUp = true;
            }
            else
            {
                invite.Transaction.SendResponse(ok);
                invite.RetransmitInterval = TimeSpan.FromTicks(Math.Min((invite.RetransmitInterval * 2).Ticks, core.Options.Timers.T2.Ticks));
                invite.RetransmitTimer?.Dispose();
                // The last wait ends exactly at 64*T1, so the slot is free within Timer H, not up to T2 later.
                var wait = invite.RetransmitInterval < left ? invite.RetransmitInterval : left;
                invite.RetransmitTimer = core.Time.CreateTimer(_ => RetransmitOk(call), null, wait, Timeout.InfiniteTimeSpan);
            }
        }

        if (giveUp)
        {
            // No ACK for 64*T1: the dialog is confirmed and then ended with BYE (RFC 3261 13.3.1.4).
            _ = core.Dialogs.SendByeAsync(call, SipCallParty.System, "no ACK");
        }
    }
}

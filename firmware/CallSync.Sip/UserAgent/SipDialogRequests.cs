using System.Globalization;
using System.Text;
using CallSync.Sdp;
using CallSync.Sip.Authentication;
using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// Requests inside an established dialog (RFC 3261 sections 12.2, 14, 15): BYE both ways, re-INVITE both ways
/// (hold, resume, target refresh, session refresh), and INFO carrying DTMF.
/// </summary>
internal sealed class SipDialogRequests(SipUserAgentCore core)
{
    /// <summary>The longest INFO body read for a digit: a dtmf-relay body is two short lines.</summary>
    private const int MaxDtmfBody = 256;

    /// <summary>Sends BYE and ends the call at once (the BYE's answer changes nothing for this side).</summary>
    public async Task SendByeAsync(SipCall call, SipCallParty endedBy, string reason = "BYE")
    {
        SipClientTransaction tx;
        bool answered;
        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended)
            {
                return;
            }

            var bye = core.BuildInDialogRequest(call, SipMethod.Bye, call.Dialog.NextLocalSequence(), null);
            tx = core.Transactions.SendRequest(bye, call.Target!);
            answered = call.AnsweredAt is not null;
        }

        core.EndCall(call, answered ? SipCallResult.Answered : SipCallResult.Cancelled, answered ? 200 : 487, reason, endedBy);
        await tx.Completion.ConfigureAwait(false);
    }

    public void OnBye(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (!core.TryGetCall(request.CallId, out var call) || !MatchesDialog(call, request))
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 481, null, SipIds.NewTag()));
            return;
        }

        tx.SendResponse(SipMessages.CreateResponse(request, 200));
        var answered = call.AnsweredAt is not null;
        core.EndCall(call, answered ? SipCallResult.Answered : SipCallResult.Cancelled, answered ? 200 : 487, "remote hung up", SipCallParty.Remote);
    }

    /// <summary>
    /// INFO (RFC 6086 legacy use without Info-Package): DTMF as <c>application/dtmf-relay</c> (<c>Signal=5</c>,
    /// <c>Duration=160</c>) or <c>application/dtmf</c> (the digit alone). Other bodies get 415.
    /// </summary>
    public void OnInfo(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (!core.TryGetCall(request.CallId, out var call) || !MatchesDialog(call, request))
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 481, null, SipIds.NewTag()));
            return;
        }

        var type = request.ContentType?.Split(';')[0].Trim();
        if (request.Body.Length == 0)
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 200)); // an empty INFO is a keep-alive
            return;
        }

        if (!string.Equals(type, "application/dtmf-relay", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(type, "application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            var b = SipResponseBuilder.CreateFor(request, 415, null, null);
            b.AddHeader(SipHeaderNames.Accept, "application/dtmf-relay, application/dtmf");
            tx.SendResponse(b.Build());
            return;
        }

        if (!TryReadDigit(request.Body.Span, out var digit, out var duration))
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 400, "Bad DTMF body"));
            return;
        }

        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended || !call.Dialog.TryAcceptRemoteSequence(request.CSeq.Sequence))
            {
                tx.SendResponse(SipMessages.CreateResponse(request, 500, "Out of order CSeq"));
                return;
            }

            tx.SendResponse(SipMessages.CreateResponse(request, 200));
            core.Raise(new SipCallDigit(call, digit, duration));
        }
    }

    /// <summary>A re-INVITE from the peer: target refresh, a new offer (or none: we offer), session timer terms.</summary>
    public void OnReInvite(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (!core.TryGetCall(request.CallId, out var call) || !MatchesDialog(call, request))
        {
            tx.SendResponse(SipMessages.CreateResponse(request, 481));
            return;
        }

        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended || !call.Dialog.TryAcceptRemoteSequence(request.CSeq.Sequence))
            {
                tx.SendResponse(SipMessages.CreateResponse(request, 500, "Out of order CSeq"));
                return;
            }

            if (call.ReInviteGate.CurrentCount == 0)
            {
                // Our own re-INVITE is in progress: glare (RFC 3261 14.2); the peer retries after a random delay.
                tx.SendResponse(SipMessages.CreateResponse(request, 491));
                return;
            }

            var session = core.SessionTimers.Answer(request);
            if (session is { TooSmall: true })
            {
                core.SessionTimers.SendIntervalTooSmall(tx, session, call.Dialog.LocalTag);
                return;
            }

            call.Dialog.RefreshTarget(request); // RFC 3261 12.2.2: target refresh
            var negotiation = call.Negotiation;
            SdpSessionDescription body;
            SdpNegotiatedMedia? media = null;
            if (SdpParser.TryParse(request.Body.Span, out var offer, out var sdpError))
            {
                if (negotiation.LocalSdp is not null && offer!.Origin == negotiation.RemoteOrigin)
                {
                    // The peer's description is unchanged (a session refresh, RFC 4028 10): so is ours, version included.
                    body = negotiation.LocalSdp;
                }
                else
                {
                    var answer = negotiation.CreateAnswer(offer!, negotiation.OwnDirection, core.Options.AnswerPolicy);
                    if (answer.Media is null)
                    {
                        var why = answer.Reason ?? "no common media";
                        tx.SendResponse(core.RefusalWithWarning(request, 488, answer.WarningCode ?? SdpRefusal.IncompatibleMediaFormat, why, call.Dialog.LocalTag));
                        Log.OfferRefused(core.Logger, call.CallId, why);
                        return;
                    }

                    body = answer.Session;
                    media = answer.Media;
                    negotiation.RemoteOrigin = offer!.Origin;
                }
            }
            else if (request.Body.Length > 0)
            {
                tx.SendResponse(SipMessages.CreateResponse(request, 400, "Bad SDP: " + sdpError));
                return;
            }
            else
            {
                // No offer: ours goes in the 200, the answer in the ACK (RFC 3264 section 5).
                body = negotiation.LocalSdp ?? negotiation.CreateOffer(negotiation.OwnDirection);
            }

            var b = SipResponseBuilder.CreateFor(request, 200, null, call.Dialog.LocalTag);
            b.AddHeader(SipHeaderNames.Contact, core.ContactFor(tx.ResponseTarget).ToString());
            core.AddCommonHeaders(b, withAllow: true);
            SipSessionTimers.AddResponseHeaders(b, session);
            b.SetBody(Encoding.UTF8.GetBytes(SdpWriter.Write(body)), "application/sdp");
            tx.SendResponse(b.Build());
            negotiation.LocalSdp = body;
            core.SessionTimers.Apply(call, session is null ? null : new SipSessionTimerTerms(session.Interval, session.LocalRefresher));
            if (media is not null)
            {
                ApplyMedia(call, media);
            }
        }
    }

    /// <summary>Puts the call on hold (sendonly offer) or resumes it (sendrecv); false when the re-INVITE failed.</summary>
    public async Task<bool> SetHoldAsync(SipCall call, bool hold, CancellationToken cancellationToken)
    {
        await call.ReInviteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SipTransactionResult result;
        try
        {
            SdpSessionDescription offer;
            lock (call.Gate)
            {
                if (call.State is not (SipCallState.Answered or SipCallState.Held))
                {
                    return false;
                }

                offer = call.Negotiation.CreateOffer(hold ? SdpDirection.SendOnly : SdpDirection.SendRecv);
            }

            result = await SendReInviteAsync(call, offer, hold, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            call.ReInviteGate.Release();
        }

        if (result.Response is not { IsSuccess: true })
        {
            await EndOnFailureAsync(call, result, hold ? "hold failed" : "resume failed").ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>
    /// RFC 3261 12.2.1.2: a 481 or 408 (or no answer) to an in-dialog request ends the dialog; after a 481 the
    /// peer has no dialog left, so no BYE. True when the call is (now) ended.
    /// </summary>
    public async Task<bool> EndOnFailureAsync(SipCall call, SipTransactionResult result, string what)
    {
        if (call.State == SipCallState.Ended)
        {
            return true;
        }

        var reason = $"{what}: {result.StatusCode} {result.Reason}";
        if (result.StatusCode == 481)
        {
            core.EndCall(call, SipCallResult.Answered, 200, reason, SipCallParty.System);
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
    /// after a 422 and once after a 401/407 the call's credentials can answer; on a 2xx ACKs it and takes the answer,
    /// the hold flag and the session timer. The caller holds <see cref="SipCall.ReInviteGate"/>.
    /// </summary>
    public async Task<SipTransactionResult> SendReInviteAsync(SipCall call, SdpSessionDescription? offer, bool? hold, CancellationToken cancellationToken)
    {
        var body = offer is null ? null : Encoding.UTF8.GetBytes(SdpWriter.Write(offer));
        var intervalRaised = false;
        var authenticated = false;
        while (true)
        {
            SipClientTransaction tx;
            lock (call.Gate)
            {
                if (call.State == SipCallState.Ended)
                {
                    return new SipTransactionResult(null);
                }

                var target = call.Target!;
                var reInvite = core.BuildInDialogRequest(call, SipMethod.Invite, call.Dialog.NextLocalSequence(), b =>
                {
                    b.AddHeader(SipHeaderNames.Contact, core.ContactFor(target).ToString());
                    core.SessionTimers.AddRequestHeaders(b, call, inDialog: true);
                    AddCredentials(b, call);
                    if (body is not null)
                    {
                        b.SetBody(body, "application/sdp");
                    }
                });
                tx = core.Transactions.SendRequest(reInvite, target);
            }

            var result = await tx.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!intervalRaised && result.Response is { StatusCode: 422 } tooSmall && core.SessionTimers.TryRaiseInterval(call, tooSmall))
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
                return result;
            }

            lock (call.Gate)
            {
                var ack = core.BuildInDialogRequest(call, SipMethod.Ack, ok.CSeq.Sequence, null);
                if (call.State != SipCallState.Ended)
                {
                    call.Dialog.RefreshTarget(ok);
                    var negotiation = call.Negotiation;
                    if (hold is { } h)
                    {
                        negotiation.LocalHold = h;
                    }

                    if (offer is not null)
                    {
                        negotiation.LocalSdp = offer;
                        if (SdpParser.TryParse(ok.Body.Span, out var answer, out _) && SdpOfferAnswer.TryReadAnswer(offer, answer!, out var media, out _))
                        {
                            negotiation.RemoteOrigin = answer!.Origin;
                            ApplyMedia(call, media!, force: hold is not null);
                        }
                    }

                    core.SessionTimers.Apply(call, core.SessionTimers.FromResponse(ok));
                }

                core.Transactions.SendStateless(ack, call.Target!); // last, so a peer that sees the ACK sees the new state
                return result;
            }
        }
    }

    /// <summary>
    /// Takes a negotiation result: the call's Held/Answered state follows it and <see cref="SipCallMediaChanged"/>
    /// is raised when it changed (or <paramref name="force"/>: our hold flag changed). Under the call's gate.
    /// </summary>
    public void ApplyMedia(SipCall call, SdpNegotiatedMedia media, bool force = false)
    {
        var negotiation = call.Negotiation;
        if (!negotiation.Apply(media) && !force)
        {
            return;
        }

        var e = new SipCallMediaChanged(call, media, negotiation.LocalHold);
        if (call.State is SipCallState.Answered or SipCallState.Held)
        {
            call.State = e.Held ? SipCallState.Held : SipCallState.Answered;
        }

        core.Raise(e);
    }

    /// <summary>Digest credentials of the call for an INVITE (initial or re-INVITE).</summary>
    public static void AddCredentials(SipRequestBuilder builder, SipCall call)
    {
        foreach (var (name, value) in call.Authenticator?.Authorize("INVITE", call.Dialog.RemoteTarget.ToString()) ?? [])
        {
            builder.AddHeader(name, value);
        }
    }

    private static bool MatchesDialog(SipCall call, SipRequest request)
    {
        lock (call.Gate)
        {
            return call.Dialog.Matches(request);
        }
    }

    private static bool TryReadDigit(ReadOnlySpan<byte> body, out char digit, out TimeSpan? duration)
    {
        digit = '\0';
        duration = null;
        if (body.Length > MaxDtmfBody)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(body);
        string? signal = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                signal ??= line.Length > 0 ? line : null; // application/dtmf: the digit alone
                continue;
            }

            var name = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (name.Equals("Signal", StringComparison.OrdinalIgnoreCase))
            {
                signal = value;
            }
            else if (name.Equals("Duration", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and < 60_000)
            {
                duration = TimeSpan.FromMilliseconds(ms);
            }
        }

        if (signal is null)
        {
            return false;
        }

        // RFC 4733 event numbers 10 and 11 are * and #; some phones send those numbers in Signal.
        signal = signal switch { "10" => "*", "11" => "#", _ => signal };
        if (signal.Length != 1 || !"0123456789*#ABCDabcd".Contains(signal[0], StringComparison.Ordinal))
        {
            return false;
        }

        digit = char.ToUpperInvariant(signal[0]);
        return true;
    }
}

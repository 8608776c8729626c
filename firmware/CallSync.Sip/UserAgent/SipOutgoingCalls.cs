using System.Diagnostics.CodeAnalysis;
using System.Text;
using CallSync.Sdp;
using CallSync.Sip.Authentication;
using CallSync.Sip.Dialogs;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// The UAC side of calls (RFC 3261 sections 13.2 and 9.1): the INVITE with digest and 422 retries, provisional
/// and final responses, the ACK of the 2xx (and of its retransmissions), CANCEL before the answer.
/// </summary>
internal sealed class SipOutgoingCalls(SipUserAgentCore core)
{
    /// <summary>
    /// Creates the call and starts its INVITE in the background: a number goes to <c>sip:NUMBER@Domain</c>; a
    /// <c>sip:</c> or <c>sips:</c> URI goes where it says, with its <c>transport</c> parameter (<c>sips:</c> over TLS). False with a reason when the
    /// destination is neither, or a number without a configured domain.
    /// </summary>
    public bool TryPlace(string destination, SdpLocalMedia media, [NotNullWhen(true)] out SipCall? call, [NotNullWhen(false)] out string? reason)
    {
        call = null;
        if (!TryTarget(destination, out var uri, out reason))
        {
            return false;
        }

        var local = new SipNameAddress(new SipUri(SipUriScheme.Sip, core.Options.User, DomainHost ?? "invalid"), core.Options.DisplayName).WithTag(SipIds.NewTag());
        call = new SipCall(core, SipDialog.ForOutgoing(SipIds.NewCallId(), local, uri, secure: uri.Scheme == SipUriScheme.Sips), SipCallDirection.Outgoing, media, core.Time.GetUtcNow())
        {
            State = SipCallState.Calling,
            Outgoing = new SipOutgoingInvite(),
            Authenticator = core.Options.Password is null ? null : new DigestAuthenticator(new DigestCredentials(core.Options.AuthUser ?? core.Options.User, core.Options.Password)),
        };
        if (core.CallCount >= core.Options.MaxCalls || !core.TryAddCall(call))
        {
            core.EndCall(call, SipCallResult.Failed, 486, "call limit reached", SipCallParty.System);
            return true;
        }

        var placed = call;
        _ = Task.Run(() => RunAsync(placed), CancellationToken.None);
        return true;
    }

    /// <summary>Hangs up before the answer: CANCEL once a provisional response came (RFC 3261 9.1), else as soon as one comes.</summary>
    public Task CancelAsync(SipCall call, CancellationToken cancellationToken)
    {
        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended || call.Outgoing is not { CancelRequested: false } invite)
            {
                return Task.CompletedTask;
            }

            invite.CancelRequested = true;
            if (invite.ProvisionalReceived)
            {
                SendCancel(invite);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A 2xx to our INVITE retransmitted after the transaction ended: ACK it again (RFC 3261 13.2.2.4).</summary>
    public void OnStrayResponse(SipResponse response)
    {
        if (response.IsSuccess && response.CSeq.Method == SipMethod.Invite && core.TryGetCall(response.CallId, out var call)
            && call.Outgoing is { Ack: { } ack })
        {
            core.Transactions.SendStateless(ack, call.Target!);
        }
    }

    private string? DomainHost => core.Options.Domain is { } domain && SipUri.TryParse("sip:" + domain, out var d) ? d.Host : null;

    private bool TryTarget(string destination, [NotNullWhen(true)] out SipUri? uri, [NotNullWhen(false)] out string? reason)
    {
        reason = null;
        uri = null;
        if (string.IsNullOrWhiteSpace(destination))
        {
            reason = "nothing to dial";
            return false;
        }

        if (destination.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || destination.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            if (SipUri.TryParse(destination, out uri))
            {
                return true;
            }

            reason = $"'{destination}' is not a SIP URI";
            return false;
        }

        uri = core.DomainUri(destination);
        if (uri is not null)
        {
            return true;
        }

        reason = $"'{destination}' needs a configured domain (Sip:Domain) or a sip: URI";
        return false;
    }

    private async Task RunAsync(SipCall call)
    {
        try
        {
            var target = await core.ResolveAsync(call.Dialog.RemoteTarget, core.Stopping.Token).ConfigureAwait(false);
            if (target is null)
            {
                core.EndCall(call, SipCallResult.Failed, 0, $"cannot resolve {call.Dialog.RemoteTarget.Host}", SipCallParty.System);
                return;
            }

            if (SipMediaNegotiation.SdesRefusal(call.Negotiation.Local, target.Transport, core.Options.AllowSdesOverPlainSip) is { } noKeys)
            {
                core.EndCall(call, SipCallResult.Failed, 0, noKeys, SipCallParty.System);
                return;
            }

            if (await core.ConnectAsync(target, core.Stopping.Token).ConfigureAwait(false) is { } refused)
            {
                core.EndCall(call, SipCallResult.Failed, 503, refused, SipCallParty.System);
                return;
            }

            lock (call.Gate)
            {
                call.Target = target;
                call.SignallingTransport = target.Transport;
                call.Negotiation.KeysMayTravel = SipMediaNegotiation.MayKeysTravel(target.Transport, core.Options.AllowSdesOverPlainSip);
                if (DomainHost is null)
                {
                    // Without a domain the address of record is this host as the target sees it.
                    var local = call.Dialog.Local;
                    call.Dialog.SetLocal(new SipNameAddress(new SipUri(SipUriScheme.Sip, core.Options.User, SipUserAgentCore.HostText(core.LocalEndPointFor(target).Address)), local.DisplayName).WithTag(local.Tag!));
                }

                call.Negotiation.LocalSdp = call.Negotiation.CreateOffer(SdpDirection.SendRecv);
            }

            // Up to two digest challenges (e.g. 401 from the registrar, then 407 from a proxy) and one 422.
            var intervalRaised = false;
            for (var attempt = 0; attempt < 4; attempt++)
            {
                SipClientTransaction tx;
                lock (call.Gate)
                {
                    if (call.State == SipCallState.Ended)
                    {
                        return;
                    }

                    var invite = call.Outgoing!;
                    invite.Request = BuildInvite(call);
                    invite.ProvisionalReceived = false;
                    tx = core.Transactions.SendRequest(invite.Request, call.Target!);
                    invite.Transaction = tx;
                    tx.ResponseReceived += (_, r) => OnResponse(call, r);
                }

                var result = await tx.Completion.ConfigureAwait(false);
                if (result.TimedOut)
                {
                    core.EndCall(call, SipCallResult.NoAnswer, 408, "no response", SipCallParty.System);
                    return;
                }

                var response = result.Response!;
                var code = response.StatusCode;
                if (code is >= 200 and < 300)
                {
                    return; // handled in OnResponse
                }

                var cancelled = call.Outgoing!.CancelRequested;
                if ((code is 401 or 407) && call.Authenticator is { } auth && !cancelled && auth.Accept(DigestChallenge.FromResponse(response)))
                {
                    continue;
                }

                // RFC 4028 7.4: retry once (new CSeq, same Call-ID and From tag) with the 422's Min-SE.
                if (code == 422 && !intervalRaised && !cancelled && core.SessionTimers.TryRaiseInterval(call, response))
                {
                    intervalRaised = true;
                    continue;
                }

                var reason = code switch
                {
                    401 or 407 when call.Authenticator is null => $"{code} {response.ReasonPhrase} (no password configured)",
                    401 or 407 => $"{code} wrong user name or password",
                    _ when response.Headers.GetValue(SipHeaderNames.Warning) is { } warning => $"{response.ReasonPhrase} ({warning})",
                    _ => response.ReasonPhrase,
                };
                core.EndCall(call, cancelled && code == 487 ? SipCallResult.Cancelled : SipUserAgentCore.ResultFor(code), code, reason,
                    cancelled ? SipCallParty.Local : SipCallParty.Remote);
                return;
            }

            core.EndCall(call, SipCallResult.Failed, 401, "authentication keeps failing", SipCallParty.System);
        }
        catch (OperationCanceledException)
        {
            core.EndCall(call, SipCallResult.Failed, 0, "the phone is stopping", SipCallParty.System);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            core.Transport.HandlerFailed(call.CallId, ex);
            core.EndCall(call, SipCallResult.Failed, 500, ex.Message, SipCallParty.System);
        }
    }

    private SipRequest BuildInvite(SipCall call)
    {
        var dialog = call.Dialog;
        var b = SipRequestBuilder.Create(SipMethod.Invite, dialog.RemoteTarget, core.NewVia(call.Target!), dialog.Local, dialog.Remote, dialog.CallId, dialog.NextLocalSequence());
        b.AddHeader(SipHeaderNames.Contact, core.ContactFor(call.Target!).ToString());
        core.AddCommonHeaders(b, withAllow: true);
        core.SessionTimers.AddRequestHeaders(b, call, inDialog: false);
        SipDialogRequests.AddCredentials(b, call);
        b.SetBody(Encoding.UTF8.GetBytes(SdpWriter.Write(call.Negotiation.LocalSdp!)), "application/sdp");
        return b.Build();
    }

    private void OnResponse(SipCall call, SipResponse response)
    {
        var code = response.StatusCode;
        lock (call.Gate)
        {
            var invite = call.Outgoing!;
            if (code < 200)
            {
                invite.ProvisionalReceived = true;
                if (invite.CancelRequested)
                {
                    SendCancel(invite);
                }

                if (code is 180 or 183 && call.State == SipCallState.Calling)
                {
                    call.State = SipCallState.Ringing;
                    call.RingingAt ??= core.Time.GetUtcNow();
                    core.Raise(new SipCallRinging(call));
                }

                return;
            }

            if (code >= 300)
            {
                return; // the transaction's completion ends the call (or retries)
            }

            if (invite.Ack is not null)
            {
                core.Transactions.SendStateless(invite.Ack, call.Target!); // retransmitted 2xx: ACK again (RFC 3261 13.2.2.4)
                return;
            }

            call.Dialog.Establish(response);
            call.Target = core.NextHopFor(call) ?? call.Target;
            invite.Ack = core.BuildInDialogRequest(call, SipMethod.Ack, response.CSeq.Sequence, CopyCredentials(invite.Request!));
            core.Transactions.SendStateless(invite.Ack, call.Target!);
            if (call.State == SipCallState.Ended)
            {
                return;
            }

            if (invite.CancelRequested)
            {
                // The 200 crossed our CANCEL: the call is up, so end it with BYE (RFC 3261 9.1).
                _ = core.Dialogs.SendByeAsync(call, SipCallParty.Local);
                return;
            }

            call.State = SipCallState.Answered;
            call.RingingAt ??= core.Time.GetUtcNow();
            call.AnsweredAt = core.Time.GetUtcNow();
            var negotiation = call.Negotiation;
            string? unusable = null;
            if (!SdpParser.TryParse(response.Body.Span, out var answer, out unusable)
                || !SdpOfferAnswer.TryReadAnswer(negotiation.LocalSdp!, answer!, out var media, out unusable))
            {
                media = null;
            }

            if (media is not null)
            {
                negotiation.RemoteOrigin = answer!.Origin;
                core.Dialogs.ApplyMedia(call, media);
            }

            core.SessionTimers.Apply(call, core.SessionTimers.FromResponse(response));
            core.Raise(new SipCallAnswered(call));
            if (media is null && negotiation.For(SdpDirection.SendRecv).Encryption == SdpEncryption.Required)
            {
                // SRTP was required and the answer does not key it: no media in clear, the call ends with the reason.
                _ = core.Dialogs.SendByeAsync(call, SipCallParty.System, "SRTP required: " + (unusable ?? "answer has no media"));
            }
        }
    }

    /// <summary>The ACK of a 2xx carries the INVITE's credentials (RFC 3261 22.1: same as the request it acknowledges).</summary>
    private static Action<SipRequestBuilder>? CopyCredentials(SipRequest invite)
    {
        var authorization = invite.Headers.GetValues(SipHeaderNames.Authorization);
        var proxyAuthorization = invite.Headers.GetValues(SipHeaderNames.ProxyAuthorization);
        if (authorization.Count == 0 && proxyAuthorization.Count == 0)
        {
            return null;
        }

        return b =>
        {
            foreach (var value in authorization)
            {
                b.AddHeader(SipHeaderNames.Authorization, value);
            }

            foreach (var value in proxyAuthorization)
            {
                b.AddHeader(SipHeaderNames.ProxyAuthorization, value);
            }
        };
    }

    /// <summary>RFC 3261 9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via as the INVITE. Under the gate.</summary>
    private void SendCancel(SipOutgoingInvite invite)
    {
        var request = invite.Request!;
        var b = new SipRequestBuilder(SipMethod.Cancel, request.RequestUriText);
        b.AddHeader(SipHeaderNames.Via, request.TopVia!.ToString());
        b.AddHeader(SipHeaderNames.MaxForwards, "70");
        b.AddHeader(SipHeaderNames.From, request.Headers.GetValue(SipHeaderNames.From)!);
        b.AddHeader(SipHeaderNames.To, request.Headers.GetValue(SipHeaderNames.To)!);
        b.AddHeader(SipHeaderNames.CallId, request.CallId);
        b.AddHeader(SipHeaderNames.CSeq, new SipCSeq(request.CSeq.Sequence, SipMethod.Cancel).ToString());
        foreach (var route in request.Headers.GetValues(SipHeaderNames.Route))
        {
            b.AddHeader(SipHeaderNames.Route, route);
        }

        core.Transactions.SendRequest(b.Build(), invite.Transaction!.Target);
    }
}

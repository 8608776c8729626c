using CallSync.Sdp;
using CallSync.Sip.Authentication;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;

namespace CallSync.Sip.UserAgent;

/// <summary>Outgoing calls (RFC 3261 sections 13 and 9), in-dialog requests, BYE and hold.</summary>
public sealed partial class SipUserAgent
{
    /// <summary>
    /// Calls a number (through the configured domain) or a SIP URI (<c>sip:1002@host</c>, sent via the domain
    /// when one is configured, else directly). Returns once the INVITE is sent; follow the call's events.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is neither a number nor a SIP URI, or a number without a domain.</exception>
    public async Task<SipCall> PlaceCallAsync(string destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        SipUri? uri;
        if (destination.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            if (!SipUri.TryParse(destination, out uri))
            {
                throw new ArgumentException($"'{destination}' is not a SIP URI.", nameof(destination));
            }
        }
        else if (_options.Domain is not null && SipUri.TryParse("sip:" + destination + "@" + _options.Domain, out uri))
        {
        }
        else
        {
            throw new ArgumentException($"'{destination}' needs a configured domain or a sip: URI.", nameof(destination));
        }

        var target = await ResolveOutOfDialogAsync(uri!, cancellationToken).ConfigureAwait(false);
        var callId = SipIds.NewCallId();
        var domainHost = _options.Domain is not null && SipUri.TryParse("sip:" + _options.Domain, out var d) ? d.Host : null;
        var local = LocalIdentity(domainHost ?? (target is null ? null : LocalEndPointFor(target).Address.ToString()));
        var call = new SipCall(this, callId, SipCallDirection.Outgoing, local, new SipNameAddress(uri!), _time.GetUtcNow())
        {
            State = SipCallState.Calling,
            RemoteTarget = uri,
            Target = target,
            SessionRequestInterval = _options.SessionExpires,
            SessionMinInterval = _options.MinSessionExpires,
        };
        _calls[callId] = call;
        if (target is null)
        {
            EndCall(call, SipCallResult.Failed, 0, $"cannot resolve {uri!.Host}", SipCallParty.System);
            return call;
        }

        if (_calls.Count > _options.MaxCalls)
        {
            EndCall(call, SipCallResult.Failed, 486, "call limit reached", SipCallParty.System);
            return call;
        }

        call.CallMedia = _mediaFactory.Create(callId);
        if (_options.Password is not null)
        {
            call.Authenticator = new DigestAuthenticator(new DigestCredentials(_options.AuthUser ?? _options.User, _options.Password));
        }

        call.LocalSdp = SdpOfferAnswer.CreateOffer(LocalMediaFor(call, SdpDirection.SendRecv));
        _ = Task.Run(() => RunOutgoingAsync(call), CancellationToken.None);
        RaiseState(call);
        return call;
    }

    private SipRequest BuildInvite(SipCall call)
    {
        var target = call.Target!;
        var b = SipRequestBuilder.Create(SipMethod.Invite, call.RemoteTarget!, NewVia(target), call.Local, new SipNameAddress(call.Remote.Uri, call.Remote.DisplayName), call.CallId, ++call.LocalSequence);
        b.AddHeader(SipHeaderNames.Contact, ContactFor(target).ToString());
        AddCommonHeaders(b, withAllow: true);
        b.AddHeader(SipHeaderNames.Supported, SupportedTags);
        AddSessionTimerRequestHeaders(b, call, inDialog: false);
        foreach (var (name, value) in call.Authenticator?.Authorize("INVITE", call.RemoteTarget!.ToString()) ?? [])
        {
            b.AddHeader(name, value);
        }

        b.SetBody(System.Text.Encoding.UTF8.GetBytes(SdpWriter.Write(call.LocalSdp!)), "application/sdp");
        return b.Build();
    }

    private async Task RunOutgoingAsync(SipCall call)
    {
        try
        {
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

                    call.Invite = BuildInvite(call);
                    call.ProvisionalReceived = false;
                    tx = _transactions.SendRequest(call.Invite, call.Target!);
                    call.InviteTransaction = tx;
                    tx.ResponseReceived += (_, r) => OnInviteResponse(call, r);
                }

                var result = await tx.Completion.ConfigureAwait(false);
                if (result.TimedOut)
                {
                    EndCall(call, SipCallResult.NoAnswer, 408, "no response", SipCallParty.System);
                    return;
                }

                var response = result.Response!;
                var code = response.StatusCode;
                if (code is >= 200 and < 300)
                {
                    return; // handled in OnInviteResponse
                }

                if ((code is 401 or 407) && call.Authenticator is { } auth && !call.CancelRequested && auth.Accept(DigestChallenge.FromResponse(response)))
                {
                    continue;
                }

                // RFC 4028 7.4: retry once (new CSeq, same Call-ID and From tag) with the 422's Min-SE.
                if (code == 422 && !intervalRaised && !call.CancelRequested && TryRaiseSessionInterval(call, response))
                {
                    intervalRaised = true;
                    continue;
                }

                var endedBy = call.CancelRequested ? SipCallParty.Local : SipCallParty.Remote;
                var reason = code switch
                {
                    401 or 407 when call.Authenticator is null => $"{code} {response.ReasonPhrase} (no password configured)",
                    401 or 407 => $"{code} wrong user name or password",
                    _ => response.ReasonPhrase,
                };
                EndCall(call, call.CancelRequested && code == 487 ? SipCallResult.Cancelled : ResultFor(code), code, reason, endedBy);
                return;
            }

            EndCall(call, SipCallResult.Failed, 401, "authentication keeps failing", SipCallParty.System);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, call.CallId, ex);
            EndCall(call, SipCallResult.Failed, 500, ex.Message, SipCallParty.System);
        }
    }

    private void OnInviteResponse(SipCall call, SipResponse response)
    {
        var code = response.StatusCode;
        var raise = false;
        lock (call.Gate)
        {
            if (code < 200)
            {
                call.ProvisionalReceived = true;
                if (call.CancelRequested)
                {
                    SendCancel(call);
                }

                if (code is 180 or 183 && call.State == SipCallState.Calling)
                {
                    call.State = SipCallState.Ringing;
                    call.RingingAt ??= _time.GetUtcNow();
                    raise = true;
                }
            }
            else if (code < 300)
            {
                if (call.Ack is not null)
                {
                    _transactions.SendStateless(call.Ack, AckTarget(call)); // retransmitted 2xx: ACK again (RFC 3261 13.2.2.4)
                    return;
                }

                EstablishDialog(call, response);
                call.Ack = BuildInDialogRequest(call, SipMethod.Ack, call.LocalSequence, CopyCredentials(call.Invite!));
                _transactions.SendStateless(call.Ack, AckTarget(call));
                if (call.State == SipCallState.Ended)
                {
                    return;
                }

                if (call.CancelRequested)
                {
                    // The 200 crossed our CANCEL: the call is up, so end it with BYE (RFC 3261 9.1).
                    _ = SendByeAsync(call, SipCallParty.Local);
                    return;
                }

                if (SdpParser.TryParse(response.Body.Span, out var answer, out _)
                    && SdpOfferAnswer.TryReadAnswer(call.LocalSdp!, answer!, out var media, out _))
                {
                    call.RemoteSdpOrigin = answer!.Origin;
                    call.Media = media;
                    call.CallMedia?.Start(media!);
                }

                ApplySessionTimer(call, SessionTimersOn ? SipSessionTimerPolicy.FromResponse(response) : null);
                call.State = SipCallState.Answered;
                call.RingingAt ??= _time.GetUtcNow();
                call.AnsweredAt = _time.GetUtcNow();
                raise = true;
            }
        }

        if (raise)
        {
            RaiseState(call);
        }
    }

    private static SipTarget AckTarget(SipCall call) => call.Target!;

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

    private void EstablishDialog(SipCall call, SipResponse response)
    {
        // RFC 3261 12.1.2: route set = Record-Route reversed; remote target = Contact.
        call.RouteSet = [.. response.RecordRoutes.Reverse()];
        if (response.Contacts.Count > 0)
        {
            call.RemoteTarget = response.Contacts[0].Uri;
        }

        if (response.To is { } to)
        {
            call.Remote = to;
        }

        call.Target = NextHopFor(call) ?? call.Target;
    }

    /// <summary>The next hop of an in-dialog request: the first route (loose routing) or the remote target.</summary>
    private SipTarget? NextHopFor(SipCall call)
    {
        var uri = call.RouteSet.Count > 0 ? call.RouteSet[0].Uri : call.RemoteTarget;
        if (uri is null || !System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return null; // a name: keep the previous hop (resolving in-dialog names is not done)
        }

        return new SipTarget(PreferredTransport(uri), new System.Net.IPEndPoint(address, uri.Port ?? 5060));
    }

    private SipRequest BuildInDialogRequest(SipCall call, SipMethod method, uint sequence, Action<SipRequestBuilder>? extra)
    {
        var target = call.Target!;
        var b = SipRequestBuilder.Create(method, call.RemoteTarget!, NewVia(target), call.Local, call.Remote, call.CallId, sequence);
        foreach (var route in call.RouteSet)
        {
            b.AddHeader(SipHeaderNames.Route, route.ToString());
        }

        if (method != SipMethod.Ack)
        {
            AddCommonHeaders(b, withAllow: method == SipMethod.Invite);
        }

        extra?.Invoke(b);
        return b.Build();
    }

    private void SendCancel(SipCall call)
    {
        // RFC 3261 9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via as the INVITE.
        var invite = call.Invite!;
        var b = new SipRequestBuilder(SipMethod.Cancel, invite.RequestUriText);
        b.AddHeader(SipHeaderNames.Via, invite.TopVia!.ToString());
        b.AddHeader(SipHeaderNames.MaxForwards, "70");
        b.AddHeader(SipHeaderNames.From, invite.Headers.GetValue(SipHeaderNames.From)!);
        b.AddHeader(SipHeaderNames.To, invite.Headers.GetValue(SipHeaderNames.To)!);
        b.AddHeader(SipHeaderNames.CallId, invite.CallId);
        b.AddHeader(SipHeaderNames.CSeq, new SipCSeq(invite.CSeq.Sequence, SipMethod.Cancel).ToString());
        foreach (var route in invite.Headers.GetValues(SipHeaderNames.Route))
        {
            b.AddHeader(SipHeaderNames.Route, route);
        }

        _transactions.SendRequest(b.Build(), call.InviteTransaction!.Target);
    }

    internal async Task HangUpAsync(SipCall call, CancellationToken cancellationToken)
    {
        SipCallState state;
        lock (call.Gate)
        {
            state = call.State;
        }

        switch (state)
        {
            case SipCallState.Ended:
                return;
            case SipCallState.Answered or SipCallState.Held:
                await SendByeAsync(call, SipCallParty.Local).ConfigureAwait(false);
                return;
            default:
                if (call.Direction == SipCallDirection.Incoming)
                {
                    RejectCall(call);
                    return;
                }

                lock (call.Gate)
                {
                    if (call.CancelRequested)
                    {
                        return;
                    }

                    call.CancelRequested = true;
                    if (call.ProvisionalReceived)
                    {
                        SendCancel(call);
                    }
                }

                return;
        }
    }

    private async Task SendByeAsync(SipCall call, SipCallParty endedBy, string reason = "BYE")
    {
        SipClientTransaction tx;
        lock (call.Gate)
        {
            if (call.State == SipCallState.Ended)
            {
                return;
            }

            var bye = BuildInDialogRequest(call, SipMethod.Bye, ++call.LocalSequence, null);
            tx = _transactions.SendRequest(bye, call.Target!);
        }

        var answered = call.AnsweredAt is not null;
        EndCall(call, answered ? SipCallResult.Answered : SipCallResult.Cancelled, answered ? 200 : 487, reason, endedBy);
        await tx.Completion.ConfigureAwait(false);
    }

    internal async Task<bool> SetHoldAsync(SipCall call, bool hold, CancellationToken cancellationToken)
    {
        await call.ReInviteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        (SipTransactionResult Result, bool StateChanged) sent;
        try
        {
            SdpSessionDescription offer;
            lock (call.Gate)
            {
                if (call.State is not (SipCallState.Answered or SipCallState.Held) || call.CallMedia is null)
                {
                    return false;
                }

                offer = SdpOfferAnswer.CreateOffer(LocalMediaFor(call, hold ? SdpDirection.SendOnly : SdpDirection.SendRecv));
            }

            sent = await SendReInviteAsync(call, offer, hold, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            call.ReInviteGate.Release();
        }

        if (sent.Result.Response is not { IsSuccess: true })
        {
            await EndOnInDialogFailureAsync(call, sent.Result, hold ? "hold failed" : "resume failed").ConfigureAwait(false);
            return false;
        }

        RaiseState(call);
        return true;
    }

    private void OnStrayResponse(SipResponse response, SipTarget source)
    {
        // A 2xx to our INVITE retransmitted after the transaction ended: ACK it again.
        if (response.IsSuccess && response.CSeq.Method == SipMethod.Invite && _calls.TryGetValue(response.CallId, out var call) && call.Ack is not null)
        {
            _transactions.SendStateless(call.Ack, AckTarget(call));
        }
    }
}

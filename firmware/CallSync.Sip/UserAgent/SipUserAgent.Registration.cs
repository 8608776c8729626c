using System.Globalization;
using CallSync.Sip.Authentication;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;

namespace CallSync.Sip.UserAgent;

/// <summary>REGISTER (RFC 3261 section 10): binding, refresh before expiry, back-off, unregister.</summary>
public sealed partial class SipUserAgent
{
    private readonly string _registerCallId = SipIds.NewCallId();
    private readonly string _registerTag = SipIds.NewTag();
    private uint _registerSequence;
    private DigestAuthenticator? _registerAuth;

    private async Task RegistrationLoopAsync(CancellationToken cancellationToken)
    {
        var retry = _options.RegisterRetryMin;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var state = await RegisterOnceAsync(_options.RegisterExpires, cancellationToken).ConfigureAwait(false);
                SetRegistration(state);
                if (state.IsRegistered)
                {
                    retry = _options.RegisterRetryMin;
                    wait = state.Expires!.Value * _options.RegisterRefreshFraction;
                    if (wait < TimeSpan.FromSeconds(1))
                    {
                        wait = TimeSpan.FromSeconds(1);
                    }
                }
                else
                {
                    wait = retry;
                    retry = TimeSpan.FromTicks(Math.Min((retry * 2).Ticks, _options.RegisterRetryMax.Ticks));
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task UnregisterAsync(CancellationToken cancellationToken)
    {
        try
        {
            var state = await RegisterOnceAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            SetRegistration(state with { IsRegistered = false, Reason = state.StatusCode is >= 200 and < 300 ? "unregistered" : state.Reason, Expires = null });
        }
        catch (OperationCanceledException)
        {
            SetRegistration(new SipRegistrationState(false, "unregister timed out", 408, null));
        }
    }

    private void SetRegistration(SipRegistrationState state)
    {
        Registration = state;
        Log.RegistrationChanged(_logger, state.IsRegistered, state.StatusCode, state.Reason);
        try
        {
            RegistrationChanged?.Invoke(state);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, "registration", ex);
        }
    }

    /// <summary>One REGISTER exchange including digest retries; returns the resulting state.</summary>
    private async Task<SipRegistrationState> RegisterOnceAsync(TimeSpan expires, CancellationToken cancellationToken)
    {
        if (!SipUri.TryParse("sip:" + _options.Domain, out var registrar))
        {
            return new SipRegistrationState(false, $"invalid domain '{_options.Domain}'", 0, null);
        }

        var target = await ResolveAsync(registrar, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return new SipRegistrationState(false, $"cannot resolve {registrar.Host}", 0, null);
        }

        _registerAuth ??= new DigestAuthenticator(new DigestCredentials(_options.AuthUser ?? _options.User, _options.Password ?? string.Empty));
        var aor = new SipNameAddress(new SipUri(SipUriScheme.Sip, _options.User, registrar.Host, registrar.Port));
        var requestUri = new SipUri(SipUriScheme.Sip, null, registrar.Host, registrar.Port);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var b = SipRequestBuilder.Create(SipMethod.Register, requestUri, NewVia(target), aor.WithTag(_registerTag), aor, _registerCallId, ++_registerSequence);
            b.AddHeader(SipHeaderNames.Contact, ContactFor(target).ToString());
            b.AddHeader(SipHeaderNames.Expires, ((int)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            AddCommonHeaders(b, withAllow: true);
            foreach (var (name, value) in _registerAuth.Authorize("REGISTER", requestUri.ToString()))
            {
                b.AddHeader(name, value);
            }

            var tx = _transactions.SendRequest(b.Build(), target);
            SipTransactionResult result;
            using (cancellationToken.Register(() => tx.Abort()))
            {
                result = await tx.Completion.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (result.TimedOut)
            {
                return new SipRegistrationState(false, "no response from registrar", 408, null);
            }

            var response = result.Response!;
            var code = response.StatusCode;
            if (code is 401 or 407)
            {
                if (!_registerAuth.Accept(DigestChallenge.FromResponse(response)))
                {
                    return new SipRegistrationState(false, $"{code} wrong user name or password", code, null);
                }

                continue;
            }

            if (code == 423 && response.MinExpires is { } min)
            {
                expires = min;
                continue;
            }

            if (code is >= 200 and < 300)
            {
                if (expires == TimeSpan.Zero)
                {
                    return new SipRegistrationState(false, "unregistered", code, null);
                }

                var granted = GrantedExpires(response, target) ?? expires;
                return new SipRegistrationState(true, $"registered for {(int)granted.TotalSeconds} s", code, granted);
            }

            return new SipRegistrationState(false, $"{code} {response.ReasonPhrase}", code, null);
        }

        return new SipRegistrationState(false, "registrar keeps challenging", 401, null);
    }

    /// <summary>The expires of our own Contact in the 200 (RFC 3261 section 10.2.4), else the Expires header.</summary>
    private TimeSpan? GrantedExpires(SipResponse response, Transport.SipTarget target)
    {
        var ours = ContactFor(target).Uri;
        foreach (var contact in response.Contacts)
        {
            if (contact.Expires is { } e && string.Equals(contact.Uri.User, ours.User, StringComparison.Ordinal)
                && string.Equals(contact.Uri.Host, ours.Host, StringComparison.OrdinalIgnoreCase) && contact.Uri.Port == ours.Port)
            {
                return e;
            }
        }

        return response.Expires;
    }
}

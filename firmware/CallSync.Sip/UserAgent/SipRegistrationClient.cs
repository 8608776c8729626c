using System.Globalization;
using CallSync.Sip.Authentication;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// REGISTER (RFC 3261 section 10): binding, refresh before expiry, back-off, unregister. Over TCP or TLS the
/// connection is opened first, so a refused certificate is the registration's reason at once; when that flow closes
/// (the server went away, no keep-alive pong), the binding is refreshed over a new flow at once (RFC 5626 section 4.4).
/// </summary>
internal sealed class SipRegistrationClient
{
    private readonly SipUserAgentCore _core;
    private readonly string _callId = SipIds.NewCallId();
    private readonly string _tag = SipIds.NewTag();
    private readonly DigestAuthenticator _auth;
    private uint _sequence;
    private Task? _loop;
    private SipTarget? _flow;
    private CancellationTokenSource? _wake;

    public SipRegistrationClient(SipUserAgentCore core)
    {
        _core = core;
        var options = core.Options;
        _auth = new DigestAuthenticator(new DigestCredentials(options.AuthUser ?? options.User, options.Password ?? string.Empty));
        State = new SipRegistrationState(false, options.Domain is null || !options.Register ? "registration not configured" : "not registered yet", 0, null);
        core.Transport.FlowClosed += OnFlowClosed;
    }

    /// <summary>The registration changed (registered, refreshed, failed with a reason, unregistered).</summary>
    public event Action<SipRegistrationState>? Changed;

    public SipRegistrationState State { get; private set; }

    private SipUserAgentOptions Options => _core.Options;

    public void Start()
    {
        if (Options.Domain is not null && Options.Register && Options.Password is not null)
        {
            _loop = Task.Run(() => LoopAsync(_core.Stopping.Token), CancellationToken.None);
        }
    }

    /// <summary>Waits for the loop (the core's stop token ends it) and unregisters when a binding is in place.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null)
        {
            return;
        }

        await _loop.ConfigureAwait(false);
        _loop = null;
        if (State.IsRegistered)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                var state = await RegisterOnceAsync(TimeSpan.Zero, timeout.Token).ConfigureAwait(false);
                Set(state with { IsRegistered = false, Reason = state.StatusCode is >= 200 and < 300 ? "unregistered" : state.Reason, Expires = null });
            }
            catch (OperationCanceledException)
            {
                Set(new SipRegistrationState(false, "unregister timed out", 408, null));
            }
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var retry = Options.RegisterRetryMin;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var state = await RegisterOnceAsync(Options.RegisterExpires, cancellationToken).ConfigureAwait(false);
                Set(state);
                if (state.IsRegistered)
                {
                    retry = Options.RegisterRetryMin;
                    wait = state.Expires!.Value * Options.RegisterRefreshFraction;
                    if (wait < TimeSpan.FromSeconds(1))
                    {
                        wait = TimeSpan.FromSeconds(1);
                    }
                }
                else
                {
                    wait = retry;
                    retry = TimeSpan.FromTicks(Math.Min((retry * 2).Ticks, Options.RegisterRetryMax.Ticks));
                }

                await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until the next REGISTER is due, or until the registration's flow closed (then at once).</summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Volatile.Write(ref _wake, wake);
        try
        {
            await Task.Delay(wait, _core.Time, wake.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The flow closed: register again now.
        }
        finally
        {
            Interlocked.CompareExchange(ref _wake, null, wake);
        }
    }

    private void OnFlowClosed(SipTarget target, string reason)
    {
        if (Volatile.Read(ref _flow) is not { } flow || !flow.EndPoint.Equals(target.EndPoint) || flow.Transport != target.Transport)
        {
            return;
        }

        Log.FlowReestablishing(_core.Logger, target.ToString(), reason);
        try
        {
            Volatile.Read(ref _wake)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait just ended by itself.
        }
    }

    private void Set(SipRegistrationState state)
    {
        State = state;
        Log.RegistrationChanged(_core.Logger, state.IsRegistered, state.StatusCode, state.Reason);
        try
        {
            Changed?.Invoke(state);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _core.Transport.HandlerFailed("registration", ex);
        }
    }

    /// <summary>One REGISTER exchange including digest retries; returns the resulting state.</summary>
    private async Task<SipRegistrationState> RegisterOnceAsync(TimeSpan expires, CancellationToken cancellationToken)
    {
        if (_core.DomainUri(null) is not { } registrar)
        {
            return new SipRegistrationState(false, $"invalid domain '{Options.Domain}'", 0, null);
        }

        var target = await _core.ResolveAsync(registrar, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return new SipRegistrationState(false, $"cannot resolve {registrar.Host}", 0, null);
        }

        Volatile.Write(ref _flow, target.IsReliable ? target : null);
        if (await _core.ConnectAsync(target, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return new SipRegistrationState(false, refused, 503, null);
        }

        var aor = new SipNameAddress(new SipUri(SipUriScheme.Sip, Options.User, registrar.Host, registrar.Port));
        var requestUri = registrar;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var b = SipRequestBuilder.Create(SipMethod.Register, requestUri, _core.NewVia(target), aor.WithTag(_tag), aor, _callId, ++_sequence);
            b.AddHeader(SipHeaderNames.Contact, _core.ContactFor(target).ToString());
            b.AddHeader(SipHeaderNames.Expires, ((int)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            _core.AddCommonHeaders(b, withAllow: true);
            foreach (var (name, value) in _auth.Authorize("REGISTER", requestUri.ToString()))
            {
                b.AddHeader(name, value);
            }

            var tx = _core.Transactions.SendRequest(b.Build(), target);
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
                if (!_auth.Accept(DigestChallenge.FromResponse(response)))
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
    private TimeSpan? GrantedExpires(SipResponse response, SipTarget target)
    {
        var ours = _core.ContactFor(target).Uri;
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

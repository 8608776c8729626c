using System.Diagnostics.CodeAnalysis;
using CallSync.Sdp;
using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Tls;
using CallSync.Sip.Transport.Resolution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// The phone's SIP user agent: registration, outgoing and incoming calls, in-dialog requests (BYE, re-INVITE,
/// hold, INFO DTMF), session timers, OPTIONS. It knows nothing of media: offers and answers are built from the
/// <see cref="SdpLocalMedia"/> each call is given, and every change is raised as a <see cref="SipCallEvent"/>.
/// The receive thread only parses, matches and sends; subscribers queue events and act on their own thread.
/// </summary>
public sealed class SipUserAgent : IAsyncDisposable
{
    private static readonly string[] KnownUnsupported = ["REGISTER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE", "REFER", "PRACK", "UPDATE"];
    private readonly SipUserAgentCore _core;
    private readonly SipTransport _transport;
    private readonly SipTransactionLayer _transactions;
    private readonly SipRegistrationClient _registration;

    /// <summary>Creates the user agent and binds its listening endpoints.</summary>
    /// <exception cref="ArgumentException">A session timer value in the options is malformed, or a <c>tls:</c> endpoint has no certificate.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">An endpoint cannot be bound.</exception>
    public SipUserAgent(SipUserAgentOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        SipSessionTimers.Validate(options);
        time ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _transport = new SipTransport(options.ListenEndPoints, loggerFactory.CreateLogger<SipTransport>(), options.Tls ?? SipTlsContext.SystemTrust,
            options.KeepAliveInterval, time);
        var dnsServers = options.DnsServers ?? DnsClient.SystemServers();
        var resolver = new SipResolver(dnsServers.Count == 0 ? null : new DnsClient(dnsServers, TimeSpan.FromSeconds(2), time));
        _transactions = new SipTransactionLayer(_transport, options.Timers, time, loggerFactory.CreateLogger<SipTransactionLayer>());
        _core = new SipUserAgentCore(options, _transport, _transactions, resolver, time, loggerFactory.CreateLogger<SipUserAgent>());
        _registration = new SipRegistrationClient(_core);
        _transport.MessageReceived += _transactions.OnMessageReceived;
        _transactions.RequestReceived += OnRequest;
        _transactions.AckReceived += (ack, _) => _core.Incoming.OnAck(ack);
        _transactions.StrayResponseReceived += (response, _) => _core.Outgoing.OnStrayResponse(response);
    }

    /// <summary>
    /// Everything that happens to calls, in each call's order, raised under the call's lock on the thread that
    /// caused it (the receive thread, a timer): handlers must queue the event and return.
    /// </summary>
    public event Action<SipCallEvent>? CallEvent
    {
        add => _core.CallEvent += value;
        remove => _core.CallEvent -= value;
    }

    /// <summary>The registration changed (registered, refreshed, failed with a reason, unregistered).</summary>
    public event Action<SipRegistrationState>? RegistrationChanged
    {
        add => _registration.Changed += value;
        remove => _registration.Changed -= value;
    }

    /// <summary>The current registration.</summary>
    public SipRegistrationState Registration => _registration.State;

    /// <summary>The bound endpoints (real ports when 0 was configured).</summary>
    public IReadOnlyList<SipListenEndPoint> LocalEndPoints =>
        [.. _transport.Channels.Where(c => c is not SipStreamChannel { IsListening: false }).Select(c => new SipListenEndPoint(c.Transport, c.LocalEndPoint))];

    /// <summary>
    /// Why the last TLS connection to a server was refused, in one line (<c>TLS to pbx.example:5061 refused: name
    /// mismatch: certificate is for other.example</c>); null when none was, or a later one succeeded.
    /// </summary>
    public string? LastTlsError => _transport.LastTlsError;

    /// <summary>How long received messages have held the receive threads (the answer to a retransmission waits this long).</summary>
    public SipHandlingTimes HandlingTimes => _transport.HandlingTimes;

    /// <summary>The calls in progress.</summary>
    public IReadOnlyList<SipCall> Calls => _core.Calls;

    /// <summary>Starts receiving and, when configured, registering.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _transport.Start();
        _registration.Start();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Calls <paramref name="destination"/> with <paramref name="media"/> as this side's media: a number goes to
    /// <c>sip:NUMBER@Domain</c>, a <c>sip:</c> URI where it says (with its transport parameter). The call exists
    /// (and has its Call-ID) at once; the INVITE goes out in the background and everything after it is raised as
    /// events, ending with <see cref="SipCallEnded"/>. False with a reason when the destination cannot be called.
    /// </summary>
    public bool TryPlaceCall(string destination, SdpLocalMedia media, [NotNullWhen(true)] out SipCall? call, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(media);
        return _core.Outgoing.TryPlace(destination, media, out call, out reason);
    }

    /// <summary>Ends every call, unregisters (Expires: 0); the sockets stay open until <see cref="DisposeAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        foreach (var call in _core.Calls)
        {
            await _core.HangUpAsync(call, cancellationToken).ConfigureAwait(false);
        }

        await _core.Stopping.CancelAsync().ConfigureAwait(false);
        await _registration.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _transactions.Dispose();
        await _transport.DisposeAsync().ConfigureAwait(false);
        _core.Stopping.Dispose();
    }

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
                    _core.Incoming.OnInvite((SipInviteServerTransaction)tx);
                }
                else
                {
                    _core.Dialogs.OnReInvite(tx);
                }
            }
            else if (method == SipMethod.Cancel)
            {
                _core.Incoming.OnCancel(tx);
            }
            else if (method == SipMethod.Bye)
            {
                _core.Dialogs.OnBye(tx);
            }
            else if (method == SipMethod.Info)
            {
                _core.Dialogs.OnInfo(tx);
            }
            else if (method == SipMethod.Options)
            {
                var b = SipResponseBuilder.CreateFor(request, 200, null, SipIds.NewTag());
                _core.AddCommonHeaders(b, withAllow: true);
                b.AddHeader(SipHeaderNames.Accept, "application/sdp");
                tx.SendResponse(b.Build());
            }
            else
            {
                var code = KnownUnsupported.Contains(method.Name, StringComparer.Ordinal) ? 405 : 501;
                var b = SipResponseBuilder.CreateFor(request, code, null, SipIds.NewTag());
                b.AddHeader(SipHeaderNames.Allow, SipUserAgentCore.AllowedMethods);
                tx.SendResponse(b.Build());
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _core.Transport.HandlerFailed(tx.Request.CallId, ex);
            tx.SendResponse(SipMessages.CreateResponse(tx.Request, 500));
        }
    }
}

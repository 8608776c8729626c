using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CallSync.Sdp;
using CallSync.Sip.Media;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Resolution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// The phone's SIP user agent: registration, outgoing and incoming calls, OPTIONS, hold. The agent's
/// composition root creates one, subscribes to its events, and calls <see cref="StartAsync"/>.
/// </summary>
public sealed partial class SipUserAgent : IAsyncDisposable
{
    private const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS";
    private readonly SipUserAgentOptions _options;
    private readonly ICallMediaFactory _mediaFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SipTransport _transport;
    private readonly SipTransactionLayer _transactions;
    private readonly SipResolver _resolver;
    private readonly ConcurrentDictionary<string, SipCall> _calls = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _registrationLoop;

    /// <summary>Creates the user agent and binds its listening endpoints.</summary>
    /// <exception cref="ArgumentException">An endpoint in the options is malformed.</exception>
    /// <exception cref="SocketException">An endpoint cannot be bound.</exception>
    public SipUserAgent(SipUserAgentOptions options, ICallMediaFactory mediaFactory, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mediaFactory);
        ValidateSessionTimerOptions(options);
        _options = options;
        _mediaFactory = mediaFactory;
        _time = time ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<SipUserAgent>();
        var endPoints = new List<SipListenEndPoint>();
        foreach (var text in options.ListenEndPoints)
        {
            if (!SipListenEndPoint.TryParse(text, out var ep, out var error))
            {
                throw new ArgumentException(error, nameof(options));
            }

            endPoints.Add(ep!);
        }

        _transport = new SipTransport(endPoints, loggerFactory.CreateLogger<SipTransport>());
        var dnsServers = options.DnsServers ?? DnsClient.SystemServers();
        _resolver = new SipResolver(dnsServers.Count == 0 ? null : new DnsClient(dnsServers, TimeSpan.FromSeconds(2), _time));
        _transactions = new SipTransactionLayer(_transport, options.Timers, _time, loggerFactory.CreateLogger<SipTransactionLayer>());
        _transport.MessageReceived += _transactions.OnMessageReceived;
        _transactions.RequestReceived += OnRequest;
        _transactions.AckReceived += OnAck;
        _transactions.StrayResponseReceived += OnStrayResponse;
        Registration = new SipRegistrationState(false, options.Domain is null || !options.Register ? "registration not configured" : "not registered yet", 0, null);
    }

    /// <summary>The registration changed (registered, refreshed, failed with a reason, unregistered).</summary>
    public event Action<SipRegistrationState>? RegistrationChanged;

    /// <summary>An incoming call rings; call <see cref="SipCall.Answer"/> or <see cref="SipCall.Reject"/>.</summary>
    public event Action<SipCall>? IncomingCall;

    /// <summary>A call changed state (ringing, answered, held, ended: see <see cref="SipCall.Outcome"/>).</summary>
    public event Action<SipCall>? CallStateChanged;

    /// <summary>The current registration.</summary>
    public SipRegistrationState Registration { get; private set; }

    /// <summary>The bound endpoints (real ports when 0 was configured).</summary>
    public IReadOnlyList<SipListenEndPoint> LocalEndPoints =>
        [.. _transport.Channels.Select(c => new SipListenEndPoint(c.Transport, c.LocalEndPoint))];

    /// <summary>The calls in progress.</summary>
    public IReadOnlyList<SipCall> Calls => [.. _calls.Values];

    /// <summary>Starts receiving and, when configured, registering.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _transport.Start();
        if (_options.Domain is not null && _options.Register && _options.Password is not null)
        {
            _registrationLoop = Task.Run(() => RegistrationLoopAsync(_stop.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends every call, unregisters (Expires: 0) and closes the sockets.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        foreach (var call in _calls.Values)
        {
            await HangUpAsync(call, cancellationToken).ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_registrationLoop is not null)
        {
            await _registrationLoop.ConfigureAwait(false);
            _registrationLoop = null;
            if (Registration.IsRegistered)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await UnregisterAsync(timeout.Token).ConfigureAwait(false);
            }
        }
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
        _stop.Dispose();
    }

    private SipTransportKind PreferredTransport(SipUri uri) =>
        string.Equals(uri.Transport, "tcp", StringComparison.OrdinalIgnoreCase) || _transport.GetLocalEndPoint(SipTransportKind.Udp) is null
            ? SipTransportKind.Tcp
            : SipTransportKind.Udp;

    /// <summary>The address this host uses towards <paramref name="remote"/> (for Via, Contact and SDP).</summary>
    private IPEndPoint LocalEndPointFor(SipTarget target)
    {
        var bound = _transport.GetLocalEndPoint(target.Transport) ?? _transport.Channels[0].LocalEndPoint;
        if (!bound.Address.Equals(IPAddress.Any) && !bound.Address.Equals(IPAddress.IPv6Any))
        {
            return bound;
        }

        // Bound to any: ask the routing table which source address reaches the target.
        using var probe = new Socket(target.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(target.EndPoint);
        return new IPEndPoint(((IPEndPoint)probe.LocalEndPoint!).Address, bound.Port);
    }

    private SipNameAddress ContactFor(SipTarget target)
    {
        var local = LocalEndPointFor(target);
        var parameters = target.Transport == SipTransportKind.Tcp ? SipParameters.Create(new SipParameter("transport", "tcp")) : null;
        return new SipNameAddress(new SipUri(SipUriScheme.Sip, _options.User, HostText(local.Address), local.Port, parameters));
    }

    private static string HostText(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();

    private SipVia NewVia(SipTarget target)
    {
        var local = LocalEndPointFor(target);
        return SipVia.Create(target.ViaTransport, HostText(local.Address), local.Port);
    }

    private async Task<SipTarget?> ResolveAsync(SipUri uri, CancellationToken cancellationToken) =>
        await _resolver.ResolveAsync(uri.Host, uri.Port, PreferredTransport(uri), cancellationToken).ConfigureAwait(false);

    /// <summary>The next hop of an out-of-dialog request: the configured domain (as outbound proxy) or the URI itself.</summary>
    private async Task<SipTarget?> ResolveOutOfDialogAsync(SipUri requestUri, CancellationToken cancellationToken)
    {
        if (_options.Domain is not null && SipUri.TryParse("sip:" + _options.Domain, out var proxy))
        {
            return await ResolveAsync(proxy, cancellationToken).ConfigureAwait(false);
        }

        return await ResolveAsync(requestUri, cancellationToken).ConfigureAwait(false);
    }

    private SipNameAddress LocalIdentity(string? host)
    {
        var uri = new SipUri(SipUriScheme.Sip, _options.User, host ?? "invalid");
        return new SipNameAddress(uri, _options.DisplayName).WithTag(SipIds.NewTag());
    }

    private void AddCommonHeaders(SipMessageBuilder builder, bool withAllow)
    {
        builder.AddHeader(SipHeaderNames.UserAgent, _options.UserAgentName);
        if (withAllow)
        {
            builder.AddHeader(SipHeaderNames.Allow, AllowedMethods);
        }
    }

    private static SdpLocalMedia LocalMediaFor(SipCall call, SdpDirection direction)
    {
        var baseline = call.CallMedia!.LocalMedia;
        call.SdpVersion++;
        return new SdpLocalMedia
        {
            Address = baseline.Address,
            Port = baseline.Port,
            Codecs = baseline.Codecs,
            Ptime = baseline.Ptime,
            MaxPtime = baseline.MaxPtime,
            TelephoneEvent = baseline.TelephoneEvent,
            Direction = direction,
            SessionId = baseline.SessionId,
            SessionVersion = call.SdpVersion,
            UserName = baseline.UserName,
        };
    }

    private void RaiseState(SipCall call)
    {
        try
        {
            CallStateChanged?.Invoke(call);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, call.CallId, ex);
        }
    }

    private void EndCall(SipCall call, SipCallResult result, int status, string reason, SipCallParty endedBy)
    {
        bool ended;
        lock (call.Gate)
        {
            ended = call.TryEnd(result, status, reason, endedBy, _time.GetUtcNow());
        }

        if (!ended)
        {
            return;
        }

        _calls.TryRemove(new KeyValuePair<string, SipCall>(call.CallId, call));
        if (call.CallMedia is { } media)
        {
            media.Stop();
            _ = media.DisposeAsync().AsTask();
        }

        Log.CallEnded(_logger, call.CallId, result.ToString(), status, reason, endedBy.ToString());
        RaiseState(call);
        call.CompleteOutcome();
    }

    private static SipCallResult ResultFor(int status) => status switch
    {
        486 or 600 => SipCallResult.Busy,
        603 or 607 => SipCallResult.Rejected,
        408 or 480 => SipCallResult.NoAnswer,
        487 => SipCallResult.Cancelled,
        _ => SipCallResult.Failed,
    };
}

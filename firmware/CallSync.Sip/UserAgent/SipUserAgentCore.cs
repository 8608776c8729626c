using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Resolution;
using Microsoft.Extensions.Logging;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// What the user agent's roles share: options, clock, transport and transactions, the live calls, the header
/// helpers every request and response uses, the one way a call ends, and the one way events are raised. The roles
/// (registration, outgoing and incoming INVITEs, in-dialog requests, session timers) each hold a reference to it.
/// </summary>
internal sealed class SipUserAgentCore
{
    /// <summary>The methods this user agent implements (RFC 3261 20.5).</summary>
    public const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO";

    private readonly ConcurrentDictionary<string, SipCall> _calls = new(StringComparer.Ordinal);

    public SipUserAgentCore(SipUserAgentOptions options, SipTransport transport, SipTransactionLayer transactions, SipResolver resolver, TimeProvider time, ILogger logger)
    {
        Options = options;
        Transport = transport;
        Transactions = transactions;
        Resolver = resolver;
        Time = time;
        Logger = logger;
        SessionTimers = new SipSessionTimers(this);
        Dialogs = new SipDialogRequests(this);
        Incoming = new SipIncomingCalls(this);
        Outgoing = new SipOutgoingCalls(this);
    }

    /// <summary>Raised for every call event, under the call's lock.</summary>
    public event Action<SipCallEvent>? CallEvent;

    public SipUserAgentOptions Options { get; }

    public SipTransport Transport { get; }

    public SipTransactionLayer Transactions { get; }

    public SipResolver Resolver { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public SipSessionTimers SessionTimers { get; }

    public SipDialogRequests Dialogs { get; }

    public SipIncomingCalls Incoming { get; }

    public SipOutgoingCalls Outgoing { get; }

    public CancellationTokenSource Stopping { get; } = new();

    public IReadOnlyList<SipCall> Calls => [.. _calls.Values];

    public int CallCount => _calls.Count;

    /// <summary>Option tags for Supported: only what is implemented (RFC 4028 session timers, when on).</summary>
    public string? SupportedTags => SessionTimers.Enabled ? SipSessionTimerPolicy.OptionTag : null;

    public bool TryGetCall(string callId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipCall? call) => _calls.TryGetValue(callId, out call);

    public bool TryAddCall(SipCall call) => _calls.TryAdd(call.CallId, call);

    /// <summary>Raises <paramref name="e"/> to the subscriber; a failing handler is logged, never propagated. Under the call's lock.</summary>
    public void Raise(SipCallEvent e)
    {
        try
        {
            CallEvent?.Invoke(e);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Transport.HandlerFailed(e.Call.CallId, ex);
        }
    }

    /// <summary>
    /// The one way a call ends: its state and timers stop, it leaves the live calls, <see cref="SipCallEnded"/> is
    /// raised and its completion set. Idempotent.
    /// </summary>
    public void EndCall(SipCall call, SipCallResult result, int status, string reason, SipCallParty endedBy)
    {
        lock (call.Gate)
        {
            if (!call.TryEnd(result, status, reason, endedBy, Time.GetUtcNow()))
            {
                return;
            }

            _calls.TryRemove(new KeyValuePair<string, SipCall>(call.CallId, call));
            Log.CallEnded(Logger, call.CallId, result.ToString(), status, reason, endedBy.ToString());
            Raise(new SipCallEnded(call, call.Outcome!));
        }

        call.CompleteOutcome();
    }

    /// <summary>Hangs up: BYE after the answer, CANCEL before it, a rejection for a ringing incoming call.</summary>
    public Task HangUpAsync(SipCall call, CancellationToken cancellationToken) => call.State switch
    {
        SipCallState.Ended => Task.CompletedTask,
        SipCallState.Answered or SipCallState.Held => Dialogs.SendByeAsync(call, SipCallParty.Local),
        _ when call.Direction == SipCallDirection.Incoming => Task.FromResult(Incoming.Reject(call, 603)),
        _ => Outgoing.CancelAsync(call, cancellationToken),
    };

    /// <summary>
    /// The transport towards <paramref name="uri"/>: TLS for <c>sips:</c> (RFC 5630) and <c>;transport=tls</c>, TCP for
    /// <c>;transport=tcp</c>, else UDP when a UDP endpoint is bound, else TCP.
    /// </summary>
    public SipTransportKind PreferredTransport(SipUri uri)
    {
        if (uri.Scheme == SipUriScheme.Sips || string.Equals(uri.Transport, "tls", StringComparison.OrdinalIgnoreCase))
        {
            return SipTransportKind.Tls;
        }

        return string.Equals(uri.Transport, "tcp", StringComparison.OrdinalIgnoreCase) || Transport.GetLocalEndPoint(SipTransportKind.Udp) is null
            ? SipTransportKind.Tcp
            : SipTransportKind.Udp;
    }

    /// <summary>
    /// A URI in the configured domain (<c>sip:USER@DOMAIN</c>, or the domain itself without a user), with the
    /// <c>transport</c> parameter of <see cref="SipUserAgentOptions.DomainTransport"/> so REGISTER and calls to numbers
    /// share the registrar's flow; null when no domain is configured or it does not parse.
    /// </summary>
    public SipUri? DomainUri(string? user)
    {
        if (Options.Domain is not { } domain || !SipUri.TryParse("sip:" + (user is null ? string.Empty : user + "@") + domain, out var uri))
        {
            return null;
        }

        return Options.DomainTransport is { } transport ? uri.WithParameter("transport", SipTarget.Token(transport).ToLowerInvariant()) : uri;
    }

    /// <summary>
    /// For a reliable target: opens (or finds) its connection before a request goes out, so a refusal (a certificate
    /// that fails validation, a closed port) is known at once; null when it is open, else the one-line reason.
    /// </summary>
    public async Task<string?> ConnectAsync(SipTarget target, CancellationToken cancellationToken)
    {
        if (!target.IsReliable)
        {
            return null;
        }

        var (_, error) = await Transport.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        return error;
    }

    /// <summary>The server for a request to <paramref name="uri"/> (RFC 3263), with its transport parameter honoured.</summary>
    public Task<SipTarget?> ResolveAsync(SipUri uri, CancellationToken cancellationToken) =>
        Resolver.ResolveAsync(uri.Host, uri.Port, PreferredTransport(uri), cancellationToken);

    /// <summary>The next hop of an in-dialog request: the first route (loose routing) or the remote target, when numeric.</summary>
    public SipTarget? NextHopFor(SipCall call)
    {
        var uri = call.Dialog.NextHopUri;
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return null; // a name: keep the previous hop (in-dialog names are not resolved)
        }

        return new SipTarget(PreferredTransport(uri), new IPEndPoint(address, uri.Port ?? 5060));
    }

    /// <summary>The address this host uses towards <paramref name="target"/> (for Via and Contact).</summary>
    public IPEndPoint LocalEndPointFor(SipTarget target)
    {
        var listening = Transport.GetLocalEndPoint(target.Transport);
        if (listening is null && target.IsReliable && Transport.FlowLocalEndPoint(target) is { } flow)
        {
            return flow; // no listener of this transport (TLS without a certificate): the flow itself is how we are reached
        }

        var bound = listening ?? Transport.Channels[0].LocalEndPoint;
        if (!bound.Address.Equals(IPAddress.Any) && !bound.Address.Equals(IPAddress.IPv6Any))
        {
            return bound;
        }

        // Bound to any: ask the routing table which source address reaches the target.
        using var probe = new Socket(target.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(target.EndPoint);
        return new IPEndPoint(((IPEndPoint)probe.LocalEndPoint!).Address, bound.Port);
    }

    public SipNameAddress ContactFor(SipTarget target)
    {
        var local = LocalEndPointFor(target);
        var parameters = target.IsReliable ? SipParameters.Create(new SipParameter("transport", target.ViaTransport.ToLowerInvariant())) : null;
        return new SipNameAddress(new SipUri(SipUriScheme.Sip, Options.User, HostText(local.Address), local.Port, parameters));
    }

    public SipVia NewVia(SipTarget target)
    {
        var local = LocalEndPointFor(target);
        return SipVia.Create(target.ViaTransport, HostText(local.Address), local.Port);
    }

    /// <summary>User-Agent on everything; Allow (and Supported) where RFC 3261 wants them.</summary>
    public void AddCommonHeaders(SipMessageBuilder builder, bool withAllow)
    {
        builder.AddHeader(SipHeaderNames.UserAgent, Options.UserAgentName);
        if (withAllow)
        {
            builder.AddHeader(SipHeaderNames.Allow, AllowedMethods);
            if (SupportedTags is { } tags)
            {
                builder.AddHeader(SipHeaderNames.Supported, tags);
            }
        }
    }

    /// <summary>
    /// A final response that refuses the request for a reason the caller should see: a Warning header (RFC 3261
    /// 20.43) carries it, e.g. <c>Warning: 305 host "Incompatible media format: ..."</c>.
    /// </summary>
    public SipResponse RefusalWithWarning(SipRequest request, int statusCode, int warnCode, string text, string? toTag)
    {
        var b = SipResponseBuilder.CreateFor(request, statusCode, null, toTag);
        var agent = Transport.Channels.Count > 0 ? HostText(Transport.Channels[0].LocalEndPoint.Address) : "callsync";
        b.AddHeader(SipHeaderNames.Warning, new SipWarning(warnCode, agent, text).ToString());
        AddCommonHeaders(b, withAllow: statusCode is 405 or 488);
        return b.Build();
    }

    /// <summary>An in-dialog request of <paramref name="call"/>: dialog headers, then User-Agent and (for INVITE) Allow.</summary>
    public SipRequest BuildInDialogRequest(SipCall call, SipMethod method, uint sequence, Action<SipRequestBuilder>? extra)
    {
        var b = call.Dialog.CreateRequest(method, NewVia(call.Target!), sequence);
        if (method != SipMethod.Ack)
        {
            AddCommonHeaders(b, withAllow: method == SipMethod.Invite);
        }

        extra?.Invoke(b);
        return b.Build();
    }

    public static string HostText(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();

    public static SipCallResult ResultFor(int status) => status switch
    {
        486 or 600 => SipCallResult.Busy,
        603 or 607 => SipCallResult.Rejected,
        408 or 480 => SipCallResult.NoAnswer,
        487 => SipCallResult.Cancelled,
        _ => SipCallResult.Failed,
    };
}

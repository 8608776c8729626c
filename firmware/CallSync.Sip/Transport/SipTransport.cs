using System.Net;
using System.Net.Sockets;
using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transport.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Sip.Transport;

/// <summary>
/// The transport layer: the configured UDP and TCP channels, the server transport's Via handling
/// (received / rport, RFC 3261 section 18.2.1 and RFC 3581), the response target of section 18.2.2,
/// 400 answers for malformed requests, and sending to numeric or resolved targets.
/// </summary>
public sealed class SipTransport : ISipMessageSender, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly List<SipChannel> _channels = [];
    private readonly SipHandlingClock _handling = new();
    private readonly RefusalLog _refusalLog;
    private string? _lastTlsError;

    /// <summary>
    /// Binds every endpoint at once (port 0 picks a free port; see <see cref="Channels"/> for the real ones). With
    /// <paramref name="tls"/>, a TLS channel is there even without a <c>tls:</c> endpoint, to open connections to
    /// <c>sips:</c> and <c>;transport=tls</c> targets. Flows this side opens over TCP or TLS are kept alive every
    /// <paramref name="keepAliveInterval"/> (RFC 5626 4.4.1; zero, the default: never), timed by <paramref name="time"/>.
    /// </summary>
    /// <exception cref="SocketException">An endpoint cannot be bound.</exception>
    /// <exception cref="ArgumentException">A <c>tls:</c> endpoint without <paramref name="tls"/> or without its certificate.</exception>
    public SipTransport(IEnumerable<SipListenEndPoint> endPoints, ILogger<SipTransport>? logger = null, SipTlsContext? tls = null,
        TimeSpan keepAliveInterval = default, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endPoints);
        time ??= TimeProvider.System;
        _logger = logger ?? NullLogger<SipTransport>.Instance;
        _refusalLog = new RefusalLog(time, TimeSpan.FromMinutes(1));
        try
        {
            foreach (var ep in endPoints)
            {
                Add(ep.Transport switch
                {
                    SipTransportKind.Udp => new SipUdpChannel(ep.EndPoint, _logger),
                    SipTransportKind.Tcp => new SipTcpChannel(ep.EndPoint, keepAliveInterval, time, _logger),
                    _ => new SipTlsChannel(ep.EndPoint, tls ?? throw new ArgumentException($"{ep} needs the phone's certificate (Sip:Tls:Certificate)", nameof(tls)), keepAliveInterval, time, _logger),
                });
            }

            if (tls is not null && !_channels.Any(c => c.Transport == SipTransportKind.Tls))
            {
                Add(new SipTlsChannel(null, tls, keepAliveInterval, time, _logger));
            }
        }
        catch
        {
            foreach (var c in _channels)
            {
                c.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }
    }

    /// <summary>
    /// A message arrived. Requests already carry received/rport in their top Via, and the target is where
    /// their responses go; for responses the target is simply the source.
    /// </summary>
    public event Action<SipMessage, SipTarget>? MessageReceived;

    /// <summary>How long received messages have held the receive threads so far.</summary>
    public SipHandlingTimes HandlingTimes => _handling.Snapshot();

    /// <summary>The channels (a TLS channel that only opens connections has <see cref="SipStreamChannel.IsListening"/> false).</summary>
    public IReadOnlyList<SipChannel> Channels => _channels;

    /// <summary>
    /// Why the last TLS connection this side opened was refused (<c>TLS to pbx.example:5061 refused: certificate not
    /// trusted (...)</c>), or null when none was, or one succeeded since.
    /// </summary>
    public string? LastTlsError => Volatile.Read(ref _lastTlsError);

    /// <summary>A flow this side opened (TCP or TLS) closed: its target and why. Raised on the connection's thread.</summary>
    internal event Action<SipTarget, string>? FlowClosed;

    /// <summary>Starts receiving on every channel.</summary>
    public void Start()
    {
        foreach (var c in _channels)
        {
            c.Start();
            if (c is not SipStreamChannel { IsListening: false })
            {
                Log.Listening(_logger, c.Transport.ToString(), c.LocalEndPoint.ToString());
            }
        }
    }

    /// <summary>The bound local endpoint of the first listening channel of <paramref name="transport"/>, or null.</summary>
    public IPEndPoint? GetLocalEndPoint(SipTransportKind transport) =>
        _channels.FirstOrDefault(c => c.Transport == transport && c is not SipStreamChannel { IsListening: false })?.LocalEndPoint;

    /// <summary>The local end of the open connection to <paramref name="target"/>, or null.</summary>
    internal IPEndPoint? FlowLocalEndPoint(SipTarget target) =>
        FindChannel(target) is SipStreamChannel channel ? channel.LocalEndPointTo(target.EndPoint) : null;

    /// <summary>
    /// Opens (or finds) the connection to a reliable <paramref name="target"/> before a request goes out on it, so a
    /// refusal is known at once: the connection's local endpoint, or null and the one-line reason.
    /// </summary>
    internal async Task<(IPEndPoint? Local, string? Error)> ConnectAsync(SipTarget target, CancellationToken cancellationToken)
    {
        if (FindChannel(target) is not SipStreamChannel channel)
        {
            return (null, $"no {target.ViaTransport} channel for {target}");
        }

        try
        {
            var connection = await channel.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            Connected(target);
            return (connection.Local, null);
        }
        catch (SipFlowException ex)
        {
            Refused(target, ex.Message);
            return (null, ex.Message);
        }
    }

    /// <inheritdoc />
    public void Send(SipMessage message, SipTarget target)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var channel = FindChannel(target);
        if (channel is null)
        {
            Log.SendFailed(_logger, target.ToString(), "no channel for this transport");
            return;
        }

        _ = SendCoreAsync(channel, message.ToArray(), target);
    }

    /// <summary>The response target of RFC 3261 section 18.2.2 / RFC 3581 section 4 for a received request.</summary>
    public static SipTarget ResponseTargetFor(SipRequest request, SipTarget source)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsReliable || request.TopVia is not { } via)
        {
            return source; // reliable: answer on the same connection
        }

        var address = via.Received is { } r && IPAddress.TryParse(r, out var ra) ? ra
            : IPAddress.TryParse(via.Host.Trim('[', ']'), out var ha) ? ha
            : source.EndPoint.Address;
        var port = via.RPort ?? via.Port ?? 5060;
        return new SipTarget(SipTransportKind.Udp, new IPEndPoint(address, port));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var c in _channels)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }
    }

    private SipChannel? FindChannel(SipTarget target) =>
        _channels.FirstOrDefault(c => c.Transport == target.Transport && c.LocalEndPoint.AddressFamily == target.EndPoint.AddressFamily)
        ?? _channels.FirstOrDefault(c => c.Transport == target.Transport);

    private void Add(SipChannel channel)
    {
        channel.MessageReceived = OnMessage;
        channel.MalformedReceived = OnMalformed;
        if (channel is SipStreamChannel stream)
        {
            stream.FlowClosed = (target, reason) => FlowClosed?.Invoke(target, reason);
        }

        _channels.Add(channel);
    }

    private async Task SendCoreAsync(SipChannel channel, byte[] bytes, SipTarget target)
    {
        try
        {
            await channel.SendAsync(bytes, target, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SipFlowException ex)
        {
            Refused(target, ex.Message);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            Log.SendFailed(_logger, target.ToString(), ex.Message);
        }
    }

    // A TLS connection this side opened for a request (REGISTER, INVITE) succeeded: the last refusal is history.
    private void Connected(SipTarget target)
    {
        if (target.Transport == SipTransportKind.Tls)
        {
            Volatile.Write(ref _lastTlsError, null);
        }
    }

    // One line per reason and minute: a phone retrying a refused registrar must not fill its log.
    private void Refused(SipTarget target, string reason)
    {
        if (target.Transport == SipTransportKind.Tls)
        {
            Volatile.Write(ref _lastTlsError, reason);
        }

        if (_refusalLog.ShouldLog(reason))
        {
            if (target.Transport == SipTransportKind.Tls)
            {
                Log.TlsRefused(_logger, reason);
            }
            else
            {
                Log.SendFailed(_logger, target.ToString(), reason);
            }
        }
    }

    /// <summary>Counts and logs an exception a received message caused above the parser (a bug: the count should stay 0).</summary>
    internal void HandlerFailed(string context, Exception exception)
    {
        _handling.Failed();
        Log.HandlerFailed(_logger, context, exception);
    }

    private void OnMessage(SipMessage message, SipTarget source)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (message is SipRequest request)
            {
                var stamped = SipMessages.WithReceived(request, source.EndPoint);
                MessageReceived?.Invoke(stamped, ResponseTargetFor(stamped, source));
            }
            else
            {
                MessageReceived?.Invoke(message, source);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            HandlerFailed(source.ToString(), ex);
        }

        _handling.Record(started);
    }

    private void OnMalformed(SipParseError error, SipTarget source)
    {
        if (error.CanRespond && error.Request is { } partial && partial.TopVia is not null)
        {
            // Written straight from the builder: the copied headers may be the broken ones (e.g. CSeq),
            // so the response would not survive a re-parse, yet the peer needs it to stop retransmitting.
            var bytes = SipResponseBuilder.CreateFor(partial, error.StatusCode, error.Reason).ToArray();
            var target = ResponseTargetFor(partial, source);
            var channel = FindChannel(target);
            if (channel is not null)
            {
                _ = SendCoreAsync(channel, bytes, target);
                Log.RejectedMalformed(_logger, source.ToString(), error.StatusCode, error.Reason);
                return;
            }
        }

        Log.DroppedMalformed(_logger, source.ToString(), error.Reason);
    }
}

using System.Net;
using System.Net.Sockets;
using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
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

    /// <summary>Binds every endpoint at once (port 0 picks a free port; see <see cref="Channels"/> for the real ones).</summary>
    /// <exception cref="SocketException">An endpoint cannot be bound.</exception>
    public SipTransport(IEnumerable<SipListenEndPoint> endPoints, ILogger<SipTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endPoints);
        _logger = logger ?? NullLogger<SipTransport>.Instance;
        try
        {
            foreach (var ep in endPoints)
            {
                SipChannel channel = ep.Transport == SipTransportKind.Udp
                    ? new SipUdpChannel(ep.EndPoint, _logger)
                    : new SipTcpChannel(ep.EndPoint, _logger);
                channel.MessageReceived = OnMessage;
                channel.MalformedReceived = OnMalformed;
                _channels.Add(channel);
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

    /// <summary>The bound channels.</summary>
    public IReadOnlyList<SipChannel> Channels => _channels;

    /// <summary>Starts receiving on every channel.</summary>
    public void Start()
    {
        foreach (var c in _channels)
        {
            c.Start();
            Log.Listening(_logger, c.Transport.ToString(), c.LocalEndPoint.ToString());
        }
    }

    /// <summary>The bound local endpoint of the first channel of <paramref name="transport"/>, or null.</summary>
    public IPEndPoint? GetLocalEndPoint(SipTransportKind transport) =>
        _channels.FirstOrDefault(c => c.Transport == transport)?.LocalEndPoint;

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

    private async Task SendCoreAsync(SipChannel channel, byte[] bytes, SipTarget target)
    {
        try
        {
            await channel.SendAsync(bytes, target.EndPoint, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.SendFailed(_logger, target.ToString(), ex.Message);
        }
    }

    private void OnMessage(SipMessage message, SipTarget source)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (message is SipRequest request)
        {
            var stamped = SipMessages.WithReceived(request, source.EndPoint);
            MessageReceived?.Invoke(stamped, ResponseTargetFor(stamped, source));
        }
        else
        {
            MessageReceived?.Invoke(message, source);
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

using System.Collections.Concurrent;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Sip.Transactions;

/// <summary>
/// The transaction layer: creates client transactions for outgoing requests, matches incoming responses
/// (RFC 3261 section 17.1.3) and requests (section 17.2.3) to transactions, and hands new requests, 2xx ACKs
/// and responses without a transaction (2xx retransmissions) to the user agent.
/// </summary>
public sealed class SipTransactionLayer : IDisposable
{
    private readonly ISipMessageSender _sender;
    private readonly SipTimerOptions _timers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SipClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipServerTransaction> _servers = new(StringComparer.Ordinal);

    /// <summary>Creates the layer over a sender (the transports, or a fake in tests).</summary>
    public SipTransactionLayer(ISipMessageSender sender, SipTimerOptions? timers = null, TimeProvider? time = null, ILogger<SipTransactionLayer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender;
        _timers = timers ?? new SipTimerOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SipTransactionLayer>.Instance;
    }

    /// <summary>A new request created a server transaction (INVITE ones have already sent 100 Trying).</summary>
    public event Action<SipServerTransaction>? RequestReceived;

    /// <summary>An ACK that matches no server transaction: the ACK for a 2xx, which belongs to the dialog.</summary>
    public event Action<SipRequest, SipTarget>? AckReceived;

    /// <summary>A response that matches no client transaction (e.g. a 2xx retransmitted after Timer M).</summary>
    public event Action<SipResponse, SipTarget>? StrayResponseReceived;

    /// <summary>The timer values in use.</summary>
    public SipTimerOptions Timers => _timers;

    /// <summary>Live client transactions (for tests and diagnostics).</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Live server transactions (for tests and diagnostics).</summary>
    public int ServerCount => _servers.Count;

    /// <summary>Starts a client transaction for <paramref name="request"/> (not ACK: use <see cref="SendStateless"/>).</summary>
    public SipClientTransaction SendRequest(SipRequest request, SipTarget target)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(target);
        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("ACK has no client transaction; send it with SendStateless.", nameof(request));
        }

        SipClientTransaction tx = request.Method == SipMethod.Invite
            ? new SipInviteClientTransaction(request, target, _sender, _timers, _time)
            : new SipNonInviteClientTransaction(request, target, _sender, _timers, _time);
        tx.Terminated += t => _clients.TryRemove(new KeyValuePair<string, SipClientTransaction>(t.Key, t));
        _clients[tx.Key] = tx;
        tx.Start();
        return tx;
    }

    /// <summary>Sends a message outside any transaction (2xx ACK).</summary>
    public void SendStateless(SipMessage message, SipTarget target) => _sender.Send(message, target);

    /// <summary>Entry point for every message a transport received; <paramref name="source"/> is where responses go.</summary>
    public void OnMessageReceived(SipMessage message, SipTarget source)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);
        if (message is SipResponse response)
        {
            OnResponse(response, source);
        }
        else if (message is SipRequest request)
        {
            OnRequest(request, source);
        }
    }

    /// <summary>Finds the INVITE server transaction a CANCEL or ACK belongs to.</summary>
    public SipInviteServerTransaction? FindInviteServerTransaction(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _servers.TryGetValue(SipServerTransaction.KeyFor(request, "INVITE"), out var tx) ? tx as SipInviteServerTransaction : null;
    }

    /// <summary>Stops every timer and forgets every transaction.</summary>
    public void Dispose()
    {
        foreach (var tx in _clients.Values)
        {
            tx.Abort();
        }

        foreach (var tx in _servers.Values)
        {
            tx.Abort();
        }

        _clients.Clear();
        _servers.Clear();
    }

    private void OnResponse(SipResponse response, SipTarget source)
    {
        var cseq = response.CSeq;
        if (response.TopVia?.Branch is { } branch && cseq.Method is not null && _clients.TryGetValue(SipClientTransaction.KeyFor(branch, cseq.Method.Name), out var tx))
        {
            tx.OnResponse(response);
            return;
        }

        Log.StrayResponse(_logger, response.StatusCode, cseq.Method?.Name ?? "?", source.ToString());
        StrayResponseReceived?.Invoke(response, source);
    }

    private void OnRequest(SipRequest request, SipTarget source)
    {
        var method = request.Method.Name;
        var key = SipServerTransaction.KeyFor(request, method);
        if (_servers.TryGetValue(key, out var existing))
        {
            existing.OnRetransmission(request);
            return;
        }

        if (request.Method == SipMethod.Ack)
        {
            AckReceived?.Invoke(request, source);
            return;
        }

        SipServerTransaction tx = request.Method == SipMethod.Invite
            ? new SipInviteServerTransaction(request, source, _sender, _timers, _time)
            : new SipNonInviteServerTransaction(request, source, _sender, _timers, _time);
        if (!_servers.TryAdd(key, tx))
        {
            _servers[key].OnRetransmission(request); // lost a race with a retransmission on another thread
            return;
        }

        tx.Terminated += t => _servers.TryRemove(new KeyValuePair<string, SipServerTransaction>(t.Key, t));
        if (request.Method == SipMethod.Cancel)
        {
            tx.CancelledInvite = FindInviteServerTransaction(request);
        }

        if (tx is SipInviteServerTransaction invite)
        {
            invite.SendTrying();
        }

        RequestReceived?.Invoke(tx);
    }
}

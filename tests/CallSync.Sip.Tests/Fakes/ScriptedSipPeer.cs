using System.Net;
using System.Net.Sockets;
using System.Text;
using CallSync.Sdp;
using CallSync.Sip.Syntax;

namespace CallSync.Sip.Tests.Fakes;

/// <summary>
/// The far end of a dialog, scripted by the test, speaking real SIP over loopback UDP to the user agent under
/// test. Every datagram it gets is parsed and kept; tests wait for the next one that matches, with a real-time
/// bound, while the agent's own timers run on fake time. BYEs are answered 200 at once.
/// </summary>
public sealed class ScriptedSipPeer : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<SipMessage> _received = [];
    private readonly HashSet<int> _taken = [];
    private readonly Task _loop;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _sequence = 1;

    public ScriptedSipPeer(IPEndPoint agent)
    {
        Agent = agent;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>A peer whose port the agent under test is configured with before the agent exists; set <see cref="Agent"/> once it does.</summary>
    public ScriptedSipPeer()
        : this(new IPEndPoint(IPAddress.Loopback, 9))
    {
    }

    /// <summary>The user agent under test.</summary>
    public IPEndPoint Agent { get; set; }

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public string Uri => $"sip:peer@127.0.0.1:{Port}";

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<SipMessage> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>An SDP offer or answer of this peer, PCMU on port 50000, with the given version and direction.</summary>
    public static string Sdp(ulong version = 1, SdpDirection direction = SdpDirection.SendRecv) =>
        SdpWriter.Write(SdpOfferAnswer.CreateOffer(new SdpLocalMedia
        {
            Address = "127.0.0.1",
            Port = 50000,
            Codecs = [SdpCodec.Pcmu],
            Direction = direction,
            SessionId = 4711,
            SessionVersion = version,
        }));

    /// <summary>Waits for the next unseen request of <paramref name="method"/> (others are left for later waits).</summary>
    public async Task<SipRequest> NextRequestAsync(string method, TimeSpan? timeout = null) =>
        (SipRequest)(await NextAsync(m => m is SipRequest r && r.Method.Name == method, timeout ?? DefaultTimeout).ConfigureAwait(false)
            ?? throw new TimeoutException($"no {method} arrived; {ReceivedSummary()}"));

    /// <summary>Waits for the next unseen response with <paramref name="statusCode"/> to <paramref name="method"/>.</summary>
    public async Task<SipResponse> NextResponseAsync(int statusCode, string method, TimeSpan? timeout = null) =>
        (SipResponse)(await NextAsync(m => m is SipResponse r && r.StatusCode == statusCode && r.CSeq.Method?.Name == method, timeout ?? DefaultTimeout).ConfigureAwait(false)
            ?? throw new TimeoutException($"no {statusCode} to {method} arrived; {ReceivedSummary()}"));

    /// <summary>Waits for the next unseen response with <paramref name="statusCode"/> to <paramref name="method"/> in call <paramref name="callId"/>.</summary>
    public async Task<SipResponse> NextResponseAsync(int statusCode, string method, string callId, TimeSpan? timeout = null) =>
        (SipResponse)(await NextAsync(m => m is SipResponse r && r.StatusCode == statusCode && r.CSeq.Method?.Name == method && r.CallId == callId, timeout ?? DefaultTimeout).ConfigureAwait(false)
            ?? throw new TimeoutException($"no {statusCode} to {method} in {callId} arrived; {ReceivedSummary()}"));

    /// <summary>The next unseen request of <paramref name="method"/> within <paramref name="window"/>, else null.</summary>
    public async Task<SipRequest?> TryNextRequestAsync(string method, TimeSpan window) =>
        (SipRequest?)await NextAsync(m => m is SipRequest r && r.Method.Name == method, window).ConfigureAwait(false);

    /// <summary>Answers a request of the agent; <paramref name="extra"/> adds headers (e.g. Session-Expires).</summary>
    public Task RespondAsync(SipRequest request, int statusCode, string? sdp = null, string toTag = "peer", params (string Name, string Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = SipResponseBuilder.CreateFor(request, statusCode, null, statusCode == 100 ? null : toTag);
        if (statusCode is >= 200 and < 300 && request.Method == SipMethod.Invite)
        {
            b.AddHeader(SipHeaderNames.Contact, $"<{Uri}>");
        }

        foreach (var (name, value) in extra)
        {
            b.AddHeader(name, value);
        }

        if (sdp is not null)
        {
            b.SetBody(Encoding.UTF8.GetBytes(sdp), "application/sdp");
        }

        return SendAsync(b.ToArray());
    }

    /// <summary>Sends an INVITE to the agent starting a new dialog; returns it.</summary>
    public Task<SipRequest> InviteAsync(string callId, params (string Name, string Value)[] extra) => InviteAsync(callId, Sdp(), extra);

    /// <summary>Sends an INVITE with <paramref name="sdp"/> as its offer (null: none) to the agent; returns it.</summary>
    public async Task<SipRequest> InviteAsync(string callId, string? sdp, params (string Name, string Value)[] extra)
    {
        var b = NewRequest(SipMethod.Invite, $"sip:1001@127.0.0.1:{Agent.Port}", callId, "<sip:1001@127.0.0.1>", _sequence++);
        b.AddHeader(SipHeaderNames.Contact, $"<{Uri}>");
        foreach (var (name, value) in extra)
        {
            b.AddHeader(name, value);
        }

        if (sdp is not null)
        {
            b.SetBody(Encoding.UTF8.GetBytes(sdp), "application/sdp");
        }

        var request = b.Build();
        await SendAsync(b.ToArray()).ConfigureAwait(false);
        return request;
    }

    /// <summary>Sends an in-dialog request (ACK, re-INVITE, BYE) in the dialog that <paramref name="ok"/> (the agent's 2xx) set up.</summary>
    public async Task<SipRequest> InDialogAsync(SipResponse ok, string method, uint? sequence = null, string? sdp = null, params (string Name, string Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(ok);
        var target = ok.Contacts.Count > 0 ? ok.Contacts[0].Uri.ToString() : $"sip:1001@127.0.0.1:{Agent.Port}";
        // The dialog's tags: ours is in the 2xx's From, the agent's in its To (RFC 3261 12.2.1.1).
        var b = NewRequest(SipMethod.Get(method), target, ok.CallId, ok.Headers.GetValue(SipHeaderNames.To)!, sequence ?? _sequence++, ok.Headers.GetValue(SipHeaderNames.From));
        if (method == "INVITE")
        {
            b.AddHeader(SipHeaderNames.Contact, $"<{Uri}>");
        }

        foreach (var (name, value) in extra)
        {
            b.AddHeader(name, value);
        }

        if (sdp is not null)
        {
            b.SetBody(Encoding.UTF8.GetBytes(sdp), "application/sdp");
        }

        var request = b.Build();
        await SendAsync(b.ToArray()).ConfigureAwait(false);
        return request;
    }

    /// <summary>Sends an in-dialog request with a body of any type (e.g. INFO with DTMF) in the dialog of <paramref name="ok"/>.</summary>
    public async Task<SipRequest> InDialogAsync(SipResponse ok, string method, string contentType, string body)
    {
        ArgumentNullException.ThrowIfNull(ok);
        var target = ok.Contacts.Count > 0 ? ok.Contacts[0].Uri.ToString() : $"sip:1001@127.0.0.1:{Agent.Port}";
        var b = NewRequest(SipMethod.Get(method), target, ok.CallId, ok.Headers.GetValue(SipHeaderNames.To)!, _sequence++, ok.Headers.GetValue(SipHeaderNames.From));
        b.SetBody(Encoding.UTF8.GetBytes(body), contentType);
        var request = b.Build();
        await SendAsync(b.ToArray()).ConfigureAwait(false);
        return request;
    }

    /// <summary>Cancels <paramref name="invite"/> (RFC 3261 9.1: same Request-URI, top Via, Call-ID, From, To and CSeq number).</summary>
    public async Task CancelAsync(SipRequest invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var b = new SipRequestBuilder(SipMethod.Cancel, invite.RequestUriText);
        b.AddHeader(SipHeaderNames.Via, invite.TopVia!.ToString());
        b.AddHeader(SipHeaderNames.MaxForwards, "70");
        b.AddHeader(SipHeaderNames.From, invite.Headers.GetValue(SipHeaderNames.From)!);
        b.AddHeader(SipHeaderNames.To, invite.Headers.GetValue(SipHeaderNames.To)!);
        b.AddHeader(SipHeaderNames.CallId, invite.CallId);
        b.AddHeader(SipHeaderNames.CSeq, $"{invite.CSeq.Sequence} CANCEL");
        await SendAsync(b.ToArray()).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends an OPTIONS and waits for its answer. The agent handles datagrams one at a time in arrival order, so
    /// once this returns everything sent before (e.g. an ACK) has been processed.
    /// </summary>
    public async Task SyncAsync()
    {
        var callId = "sync-" + SipIds.NewTag();
        var b = NewRequest(SipMethod.Options, $"sip:1001@127.0.0.1:{Agent.Port}", callId, "<sip:1001@127.0.0.1>", 1);
        await SendAsync(b.ToArray()).ConfigureAwait(false);
        _ = await NextAsync(m => m is SipResponse r && r.CallId == callId, DefaultTimeout).ConfigureAwait(false)
            ?? throw new TimeoutException($"no answer to OPTIONS; {ReceivedSummary()}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _udp.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private SipRequestBuilder NewRequest(SipMethod method, string requestUri, string callId, string to, uint sequence, string? from = null)
    {
        var b = new SipRequestBuilder(method, requestUri);
        b.AddHeader(SipHeaderNames.Via, $"SIP/2.0/UDP 127.0.0.1:{Port};branch={SipIds.NewBranch()};rport");
        b.AddHeader(SipHeaderNames.MaxForwards, "70");
        b.AddHeader(SipHeaderNames.From, from ?? $"<{Uri}>;tag=peertag");
        b.AddHeader(SipHeaderNames.To, to);
        b.AddHeader(SipHeaderNames.CallId, callId);
        b.AddHeader(SipHeaderNames.CSeq, $"{sequence} {method.Name}");
        return b;
    }

    /// <summary>What arrived so far, for a wait that timed out: each message's start line, CSeq and Call-ID, and whether a wait took it.</summary>
    private string ReceivedSummary()
    {
        lock (_gate)
        {
            IEnumerable<string> lines = _received.Select((m, i) =>
                (m is SipRequest r ? r.Method.Name : $"{((SipResponse)m).StatusCode}") + $" (CSeq {m.CSeq.Sequence} {m.CSeq.Method?.Name}, {m.CallId}{(_taken.Contains(i) ? ", taken" : string.Empty)})");
            return _received.Count == 0 ? "nothing received" : "received: " + string.Join("; ", lines);
        }
    }

    private async Task SendAsync(byte[] datagram) => await _udp.SendAsync(datagram, Agent).ConfigureAwait(false);

    private async Task<SipMessage?> NextAsync(Func<SipMessage, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                for (var i = 0; i < _received.Count; i++)
                {
                    if (!_taken.Contains(i) && match(_received[i]))
                    {
                        _taken.Add(i);
                        return _received[i];
                    }
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult result;
            try
            {
                result = await _udp.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (!SipMessage.TryParse(result.Buffer, out var message, out _))
            {
                continue;
            }

            if (message is SipRequest { Method.Name: "BYE" } bye)
            {
                // Always agree to hang up, so the agent's BYE transaction ends without fake time moving.
                await RespondAsync(bye, 200).ConfigureAwait(false);
            }

            TaskCompletionSource signal;
            lock (_gate)
            {
                _received.Add(message);
                signal = _arrived;
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signal.TrySetResult();
        }
    }
}

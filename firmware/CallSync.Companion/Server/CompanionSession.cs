using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;

namespace CallSync.Companion.Server;

/// <summary>One companion connection on the phone: handshake, then the authenticated message loop.</summary>
internal sealed partial class CompanionSession : IAsyncDisposable
{
    private readonly CompanionServer _server;
    private readonly FrameConnection _connection;
    private readonly CancellationTokenSource _cts;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<InboundMessage> _deliveryInbox = Channel.CreateUnbounded<InboundMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> _recordingSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<CompanionCallEventArgs> _callEvents = Channel.CreateBounded<CompanionCallEventArgs>(
        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly List<Task> _background = [];
    private readonly int _chunkSize;
    private volatile bool _authenticated;
    private volatile bool _holdsAuthenticatedSlot;
    private volatile bool _evicted;

    public CompanionSession(CompanionServer server, long connection, string source, Stream stream, int chunkSize, CancellationToken serverStopping)
    {
        _server = server;
        Connection = connection;
        Source = source;
        _chunkSize = chunkSize;
        _connection = new FrameConnection(stream);
        _cts = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
    }

    public long Connection { get; }

    /// <summary>The peer's address (TCP) or the listener it came through, for the per-source budget.</summary>
    public string Source { get; }

    /// <summary>Set (under the server's admission lock) once the companion authenticated and got one of the <c>MaxSessions</c> slots.</summary>
    public bool HoldsAuthenticatedSlot
    {
        get => _holdsAuthenticatedSlot;
        set => _holdsAuthenticatedSlot = value;
    }

    /// <summary>Set (under the server's admission lock) when a newer connection took this unauthenticated one's place.</summary>
    public bool Evicted
    {
        get => _evicted;
        set => _evicted = value;
    }

    /// <summary>Set once the companion authenticated.</summary>
    public string? CompanionId { get; private set; }

    public bool WantsRecordings { get; private set; }

    public Task Completion => _done.Task;

    private string Who => CompanionId ?? "unauthenticated";

    public void Stop()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended and was disposed between being listed and being stopped: nothing left to stop.
        }
    }

    public void SignalRecordings()
    {
        if (_authenticated && WantsRecordings)
        {
            _recordingSignal.Writer.TryWrite(true);
        }
    }

    public void EnqueueCallEvent(CompanionCallEventArgs e)
    {
        if (_authenticated)
        {
            _callEvents.Writer.TryWrite(e);
        }
    }

    public async Task CloseUnpairedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection.SendAsync(new UnpairedNotice("unpaired on the desk phone"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The session is going away anyway.
        }

        await _cts.CancelAsync().ConfigureAwait(false);
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A session must never take the server down; the failure is logged.")]
    public async Task RunAsync()
    {
        var token = _cts.Token;
        try
        {
            if (!await HandshakeAsync(token).ConfigureAwait(false))
            {
                return;
            }

            if (WantsRecordings)
            {
                _background.Add(DeliveryLoopAsync(token));
                _recordingSignal.Writer.TryWrite(true);
            }

            _background.Add(CallEventPumpAsync(token));
            await ReadLoopAsync(token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await HandleFailureAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            await _cts.CancelAsync().ConfigureAwait(false);
            foreach (var task in _background)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    await HandleFailureAsync(ex).ConfigureAwait(false);
                }
            }

            if (_authenticated)
            {
                Log.Closed(_server.Logger, Connection, Who);
            }
            else
            {
                Log.ClosedUnauthenticated(_server.Logger, Connection, Source);
            }

            _done.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _cts.Dispose();
    }

    private async Task HandleFailureAsync(Exception ex)
    {
        switch (ex)
        {
            case OperationCanceledException when _cts.IsCancellationRequested:
                break;
            case CompanionProtocolException { FromPeer: false } refused when !_authenticated:
                // Anyone in range can cause these: one line per interval with a count.
                _server.LogOutsider(6009, count => Log.RefusedUnauthenticated(_server.Logger, Connection, Source, refused.Code, refused.Message, count));
                await TrySendErrorAsync(refused.Code, refused.Message).ConfigureAwait(false);
                break;
            case CompanionProtocolException or IOException or EndOfStreamException or ObjectDisposedException or ChannelClosedException when !_authenticated:
                _server.LogOutsider(6014, count => Log.LostUnauthenticated(_server.Logger, Connection, Source, ex.Message, count));
                break;
            case CompanionProtocolException { FromPeer: true } peer:
                Log.PeerError(_server.Logger, Connection, Who, peer.Code, peer.Message);
                break;
            case CompanionProtocolException refused:
                Log.Refused(_server.Logger, Connection, Who, refused.Code, refused.Message);
                await TrySendErrorAsync(refused.Code, refused.Message).ConfigureAwait(false);
                break;
            case IOException or EndOfStreamException or ObjectDisposedException or ChannelClosedException:
                Log.Lost(_server.Logger, Connection, Who, ex.Message);
                break;
            default:
                Log.SessionFailed(_server.Logger, Connection, Who, ex);
                await TrySendErrorAsync(ErrorCode.Internal, "internal error on the desk phone").ConfigureAwait(false);
                break;
        }

        await _cts.CancelAsync().ConfigureAwait(false);
    }

    private async Task TrySendErrorAsync(ErrorCode code, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _server.Time);
        try
        {
            await _connection.SendAsync(new ErrorMessage(code, reason), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Best effort: the peer may already be gone.
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var received = await ReceiveStepAsync("message (a companion pings at least every 30 s)", _server.Options.IdleTimeout, cancellationToken).ConfigureAwait(false);
            if (received is not { } message)
            {
                return;
            }

            Check(message);
            switch (message.Type)
            {
                case MessageType.Ping:
                    var ping = Parse<Ping>(message);
                    Log.Pinged(_server.Logger, CompanionId!, ping.Token);
                    await _connection.SendAsync(new Pong(ping.Token), cancellationToken).ConfigureAwait(false);
                    break;
                case MessageType.RecordingResume or MessageType.RecordingAck or MessageType.RecordingDone when WantsRecordings:
                    await _deliveryInbox.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                    break;
                case MessageType.DialRequest:
                    _background.Add(DialAsync(Parse<DialRequest>(message), cancellationToken));
                    break;
                case MessageType.Unpair:
                    Parse<UnpairRequest>(message);
                    _server.Keys.Remove(CompanionId!);
                    Log.Unpaired(_server.Logger, CompanionId!, "companion");
                    await _connection.SendAsync(new UnpairedNotice("unpaired by the companion"), cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    throw new CompanionProtocolException(
                        ErrorCode.UnexpectedMessage, $"{message.Type} is not allowed from a companion in an authenticated session");
            }
        }
    }

    private async Task DialAsync(DialRequest request, CancellationToken cancellationToken)
    {
        Log.DialRequested(_server.Logger, CompanionId!, request.RequestId);
        CompanionDialOutcome outcome;
        try
        {
            outcome = await _server.Dialer.DialAsync(request.Number, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DialFailed(_server.Logger, request.RequestId, CompanionId!, ex);
            outcome = CompanionDialOutcome.Failed("the desk phone could not place the call");
        }

        Log.DialAnswered(_server.Logger, request.RequestId, CompanionId!, outcome.Status, outcome.Reason);
        await _connection.SendAsync(
            new DialResult(request.RequestId, outcome.Status, outcome.RecordId, outcome.Reason, (ushort)Math.Clamp(outcome.SipStatus, 0, 999)),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task CallEventPumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in _callEvents.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _connection.SendAsync(
                    new CallEvent(e.RecordId, e.Kind, e.At.ToUnixTimeMilliseconds(), e.Detail), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Session closing.
        }
    }

    /// <summary>Turns an Error from the peer into an exception and refuses types this version does not define.</summary>
    private static void Check(InboundMessage message)
    {
        if (message.Type == MessageType.Error)
        {
            if (ErrorMessage.TryRead(message.Payload, out var error))
            {
                throw new CompanionProtocolException(error.Code, error.Reason, fromPeer: true);
            }

            throw new CompanionProtocolException(ErrorCode.MalformedFrame, "malformed Error payload");
        }

        if (!Enum.IsDefined(message.Type))
        {
            throw new CompanionProtocolException(ErrorCode.UnknownMessageType, $"unknown message type 0x{(byte)message.Type:X2}");
        }
    }

    private static T Parse<T>(InboundMessage? message)
        where T : ICompanionMessage<T> =>
        message is { } present ? Parse<T>(present) : throw new EndOfStreamException($"connection closed while waiting for {T.Type}");

    private static T Parse<T>(InboundMessage message)
        where T : ICompanionMessage<T>
    {
        Check(message);
        if (message.Type != T.Type)
        {
            throw new CompanionProtocolException(ErrorCode.UnexpectedMessage, $"expected {T.Type}, got {message.Type}");
        }

        if (!T.TryRead(message.Payload, out var parsed))
        {
            throw new CompanionProtocolException(ErrorCode.MalformedFrame, $"malformed {T.Type} payload ({message.Payload.Length} bytes)");
        }

        return parsed;
    }
}

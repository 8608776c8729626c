using System.Collections.Concurrent;
using System.Threading.Channels;
using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;

namespace CallSync.Companion.Client;

/// <summary>The authenticated session: background read loop, dial, ping, unpair, recording reception.</summary>
public sealed partial class CompanionClient
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<DialResult>> _dials = new();
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource> _pings = new();
    private readonly Channel<CallEvent> _callEvents = Channel.CreateUnbounded<CallEvent>();
    private readonly Channel<uint> _queueEmpty = Channel.CreateUnbounded<uint>();
    private readonly TaskCompletionSource<string> _unpaired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RecordingFolder? _recordings;
    private Task? _readLoop;
    private Task? _keepAlive;
    private int _nextRequest;
    private long _nextPing;

    /// <summary>Call events the phone forwards (ringing, answered, ended).</summary>
    public ChannelReader<CallEvent> CallEvents => _callEvents.Reader;

    /// <summary>Completes when the authenticated session ends; faults with the reason when it ended on an error.</summary>
    public Task Completion => _readLoop ?? Task.CompletedTask;

    /// <summary>Asks the phone to dial <paramref name="number"/> and waits for its answer.</summary>
    public async Task<DialResult> DialAsync(string number, CancellationToken cancellationToken)
    {
        uint id = (uint)Interlocked.Increment(ref _nextRequest);
        var pending = new TaskCompletionSource<DialResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _dials[id] = pending;
        try
        {
            await _connection.SendAsync(new DialRequest(id, number), cancellationToken).ConfigureAwait(false);
            return await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _dials.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a ping and waits for the pong.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        ulong token = (ulong)Interlocked.Increment(ref _nextPing);
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[token] = pending;
        try
        {
            await _connection.SendAsync(new Ping(token), cancellationToken).ConfigureAwait(false);
            await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pings.TryRemove(token, out _);
        }
    }

    /// <summary>Waits until the phone says it has nothing more to deliver; returns how many it delivered in this session.</summary>
    public async Task<uint> WaitForQueueEmptyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _queueEmpty.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await Completion.ConfigureAwait(false);
            throw new EndOfStreamException("the session ended before the phone's queue was empty");
        }
    }

    /// <summary>Asks the phone to forget this companion; returns the phone's reason text.</summary>
    public async Task<string> UnpairAsync(CancellationToken cancellationToken)
    {
        await _connection.SendAsync(new UnpairRequest("unpaired in the app"), cancellationToken).ConfigureAwait(false);
        return await _unpaired.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes when the phone removed this pairing (either side asked); the result is its reason.</summary>
    public Task<string> Unpaired => _unpaired.Task;

    private async Task KeepAliveAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false) && !Completion.IsCompleted)
            {
                ulong token = (ulong)Interlocked.Increment(ref _nextPing);
                await _connection.SendAsync(new Ping(token), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The session is over; the read loop reports why.
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var received = await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (received is not { } message)
                {
                    return;
                }

                if (!await HandleAsync(message, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = ex;
            throw;
        }
        finally
        {
            var ended = failure ?? new EndOfStreamException("the companion session ended");
            foreach (var dial in _dials.Values)
            {
                dial.TrySetException(ended);
            }

            foreach (var ping in _pings.Values)
            {
                ping.TrySetException(ended);
            }

            _unpaired.TrySetException(ended);
            _callEvents.Writer.TryComplete();
            _queueEmpty.Writer.TryComplete();
            _recordings?.Dispose();
        }
    }

    private async Task<bool> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case MessageType.Error:
                Expect<AuthOk>(message);
                return false;
            case MessageType.Pong:
                if (_pings.TryGetValue(Expect<Pong>(message).Token, out var ping))
                {
                    ping.TrySetResult();
                }

                return true;
            case MessageType.Ping:
                await _connection.SendAsync(new Pong(Expect<Ping>(message).Token), cancellationToken).ConfigureAwait(false);
                return true;
            case MessageType.DialResult:
                var result = Expect<DialResult>(message);
                if (_dials.TryGetValue(result.RequestId, out var dial))
                {
                    dial.TrySetResult(result);
                }

                return true;
            case MessageType.CallEvent:
                _callEvents.Writer.TryWrite(Expect<CallEvent>(message));
                return true;
            case MessageType.RecordingQueueEmpty:
                _queueEmpty.Writer.TryWrite(Expect<RecordingQueueEmpty>(message).Delivered);
                return true;
            case MessageType.RecordingOffer when _recordings is not null:
                var offer = Expect<RecordingOffer>(message);
                var (offset, done) = await _recordings.BeginAsync(offer, cancellationToken).ConfigureAwait(false);
                if (done is null)
                {
                    await _connection.SendAsync(new RecordingResume(offer.RecordId, offset), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _connection.SendAsync(done, cancellationToken).ConfigureAwait(false);
                }

                return true;
            case MessageType.RecordingChunk when _recordings is not null:
                var chunk = Expect<RecordingChunk>(message);
                var (stored, complete) = await _recordings.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                await _connection.SendAsync(new RecordingAck(chunk.RecordId, stored), cancellationToken).ConfigureAwait(false);
                if (complete is not null)
                {
                    await _connection.SendAsync(complete, cancellationToken).ConfigureAwait(false);
                }

                return true;
            case MessageType.Unpaired:
                _unpaired.TrySetResult(Expect<UnpairedNotice>(message).Reason);
                return false;
            default:
                throw new CompanionProtocolException(ErrorCode.UnexpectedMessage, $"{message.Type} is not expected by the companion");
        }
    }
}

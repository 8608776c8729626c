using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;
using CallSync.Companion.Security;

namespace CallSync.Companion.Server;

/// <summary>
/// Recording delivery: newest first, offer, resume from the companion's offset, windowed chunks, verified done. The
/// newest call is the one the user is waiting for; older ones follow, and a recording cut off on an earlier link
/// resumes from the offset the companion holds.
/// </summary>
internal sealed partial class CompanionSession
{
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private uint _delivered;

    private async Task DeliveryLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _recordingSignal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _recordingSignal.Reader.TryRead(out _);
                while (true)
                {
                    var pending = await _server.Outbox.ListPendingAsync(cancellationToken).ConfigureAwait(false);
                    PendingRecording? next = null;
                    foreach (var recording in pending.OrderByDescending(r => r.StartedAt))
                    {
                        if (!_skipped.Contains(recording.RecordId) && _server.TryClaim(recording.RecordId, Connection))
                        {
                            next = recording;
                            break;
                        }
                    }

                    if (next is null)
                    {
                        await _connection.SendAsync(new RecordingQueueEmpty(_delivered), cancellationToken).ConfigureAwait(false);
                        break;
                    }

                    try
                    {
                        await DeliverAsync(next, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _server.Release(next.RecordId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Session closing.
        }
    }

    private async Task DeliverAsync(PendingRecording recording, CancellationToken cancellationToken)
    {
        string id = recording.RecordId;
        FileStream file;
        try
        {
            file = new FileStream(recording.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.RecordingUnreadable(_server.Logger, id, recording.FilePath, ex.Message);
            _skipped.Add(id);
            return;
        }

        await using (file.ConfigureAwait(false))
        {
            await _connection.SendAsync(
                new RecordingOffer(
                    id,
                    (ulong)recording.Size,
                    recording.Sha256,
                    recording.RemoteNumber,
                    recording.Direction,
                    recording.StartedAt.ToUnixTimeMilliseconds(),
                    (uint)Math.Clamp(recording.Duration.TotalMilliseconds, 0, uint.MaxValue)),
                cancellationToken).ConfigureAwait(false);

            var answer = await NextDeliveryMessageAsync(id, cancellationToken).ConfigureAwait(false);
            if (answer.Type == MessageType.RecordingDone)
            {
                await CompleteAsync(recording, Parse<RecordingDone>(answer), 0, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                return;
            }

            var resume = Parse<RecordingResume>(answer);
            if (resume.Offset > (ulong)recording.Size)
            {
                throw new CompanionProtocolException(
                    ErrorCode.MalformedFrame, $"resume offset {resume.Offset} of recording {id} is beyond its size {recording.Size}");
            }

            long sent = (long)resume.Offset;
            long acknowledged = sent;
            long window = (long)_chunkSize * _server.Options.AckWindowChunks;
            Log.RecordingResumed(_server.Logger, id, recording.Size, CompanionId!, sent);
            long started = _server.Time.GetTimestamp();
            long firstByte = sent;
            file.Seek(sent, SeekOrigin.Begin);
            byte[] buffer = new byte[_chunkSize];
            while (sent < recording.Size)
            {
                while (sent - acknowledged >= window)
                {
                    var message = await NextDeliveryMessageAsync(id, cancellationToken).ConfigureAwait(false);
                    if (message.Type == MessageType.RecordingDone)
                    {
                        throw new CompanionProtocolException(ErrorCode.UnexpectedMessage, $"RecordingDone for {id} before all bytes were sent");
                    }

                    acknowledged = Acknowledge(Parse<RecordingAck>(message), acknowledged, sent);
                }

                int count = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, recording.Size - sent)), cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    Log.RecordingUnreadable(_server.Logger, id, recording.FilePath, $"file ends at {sent} of {recording.Size} bytes");
                    _skipped.Add(id);
                    return;
                }

                await _connection.SendAsync(new RecordingChunk(id, (ulong)sent, buffer.AsMemory(0, count)), cancellationToken).ConfigureAwait(false);
                sent += count;
            }

            while (true)
            {
                var message = await NextDeliveryMessageAsync(id, cancellationToken).ConfigureAwait(false);
                if (message.Type == MessageType.RecordingDone)
                {
                    await CompleteAsync(recording, Parse<RecordingDone>(message), sent - firstByte, _server.Time.GetElapsedTime(started), cancellationToken)
                        .ConfigureAwait(false);
                    return;
                }

                acknowledged = Acknowledge(Parse<RecordingAck>(message), acknowledged, sent);
            }
        }
    }

    private async Task CompleteAsync(PendingRecording recording, RecordingDone done, long bytes, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (done.Status == RecordingDoneStatus.Verified && PairingCrypto.Equal(done.Sha256, recording.Sha256))
        {
            await _server.Outbox.MarkDeliveredAsync(recording.RecordId, CompanionId!, cancellationToken).ConfigureAwait(false);
            _delivered++;
            Log.RecordingDelivered(_server.Logger, recording.RecordId, CompanionId!, bytes, elapsed);
        }
        else
        {
            Log.RecordingNotVerified(_server.Logger, recording.RecordId, CompanionId!, done.Status);
            _skipped.Add(recording.RecordId);
        }
    }

    private static long Acknowledge(RecordingAck ack, long acknowledged, long sent)
    {
        if (ack.Offset > (ulong)sent)
        {
            throw new CompanionProtocolException(ErrorCode.MalformedFrame, $"ack of offset {ack.Offset} beyond the {sent} bytes sent");
        }

        return Math.Max(acknowledged, (long)ack.Offset);
    }

    private async Task<InboundMessage> NextDeliveryMessageAsync(string recordId, CancellationToken cancellationToken)
    {
        var message = await _deliveryInbox.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        string? about = message.Type switch
        {
            MessageType.RecordingResume => RecordingResume.TryRead(message.Payload, out var r) ? r.RecordId : null,
            MessageType.RecordingAck => RecordingAck.TryRead(message.Payload, out var a) ? a.RecordId : null,
            MessageType.RecordingDone => RecordingDone.TryRead(message.Payload, out var d) ? d.RecordId : null,
            _ => null,
        };
        if (about is null)
        {
            throw new CompanionProtocolException(ErrorCode.MalformedFrame, $"malformed {message.Type} payload");
        }

        if (about != recordId)
        {
            throw new CompanionProtocolException(ErrorCode.UnexpectedMessage, $"{message.Type} for {about} while delivering {recordId}");
        }

        return message;
    }
}

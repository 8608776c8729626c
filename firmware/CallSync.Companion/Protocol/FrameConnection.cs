using System.Buffers;
using System.IO.Pipelines;
using CallSync.Companion.Framing;
using CallSync.Companion.Messages;
using CallSync.Companion.Security;

namespace CallSync.Companion.Protocol;

/// <summary>
/// One companion connection's framing: reads frames with a <see cref="PipeReader"/> and the resumable
/// <see cref="FrameDecoder"/>, writes frames (serialised by a lock), and after authentication seals and opens
/// every frame with a <see cref="SessionCipher"/>. Violations surface as <see cref="CompanionProtocolException"/>.
/// </summary>
public sealed class FrameConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SessionCipher? _cipher;
    private int _disposed;

    /// <summary>Wraps <paramref name="stream"/>; the connection owns and disposes it.</summary>
    public FrameConnection(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
    }

    /// <summary>True once frames are sealed.</summary>
    public bool IsEncrypted => _cipher is not null;

    /// <summary>Seals every frame from now on in both directions.</summary>
    internal void EnableEncryption(byte[] sendKey, byte[] receiveKey, bool isPhone)
    {
        _cipher = new SessionCipher(sendKey, receiveKey, isPhone);
    }

    /// <summary>Sends one message (sealed when encryption is on).</summary>
    public async ValueTask SendAsync<T>(T message, CancellationToken cancellationToken)
        where T : ICompanionMessage<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        int payloadSize = message.GetSize();
        int innerSize = 1 + payloadSize;
        int frameSize = FrameDecoder.HeaderSize + (_cipher is null ? payloadSize : SessionCipher.SealedSize(innerSize));
        if (frameSize - 4 > FrameDecoder.MaxFrameLength)
        {
            throw new ArgumentException($"message of {payloadSize} bytes does not fit in a frame", nameof(message));
        }

        byte[] inner = ArrayPool<byte>.Shared.Rent(innerSize);
        byte[] frame = ArrayPool<byte>.Shared.Rent(frameSize);
        try
        {
            inner[0] = (byte)T.Type;
            var writer = new PayloadWriter(inner.AsSpan(1, payloadSize));
            message.Write(ref writer);
            if (writer.Overflowed || writer.Written != payloadSize)
            {
                throw new InvalidOperationException($"{typeof(T).Name} wrote {writer.Written} of {payloadSize} bytes");
            }

            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_cipher is null)
                {
                    FrameWriter.TryWrite(frame, T.Type, inner.AsSpan(1, payloadSize), out _);
                }
                else
                {
                    FrameWriter.TryWriteHeader(frame, MessageType.Sealed, SessionCipher.SealedSize(innerSize));
                    _cipher.Seal(frame.AsSpan(0, FrameDecoder.HeaderSize), inner.AsSpan(0, innerSize), frame.AsSpan(FrameDecoder.HeaderSize));
                }

                await _stream.WriteAsync(frame.AsMemory(0, frameSize), cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(inner);
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Sends an already framed byte sequence as is (tests and fault injection).</summary>
    internal async ValueTask SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Receives the next message, or null when the peer closed the connection cleanly between frames.
    /// An Error message from the peer is returned like any other message.
    /// </summary>
    public async ValueTask<InboundMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = FrameDecoder.Decode(buffer, out var frame, out var consumed, out string? error);
            switch (status)
            {
                case FrameDecodeStatus.Complete:
                    InboundMessage message;
                    try
                    {
                        message = Open(frame);
                    }
                    finally
                    {
                        _reader.AdvanceTo(consumed);
                    }

                    return message;
                case FrameDecodeStatus.Error:
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                    throw new CompanionProtocolException(
                        error!.StartsWith("frame length 0", StringComparison.Ordinal) ? ErrorCode.MalformedFrame : ErrorCode.FrameTooLarge, error);
                default:
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        if (buffer.IsEmpty)
                        {
                            return null;
                        }

                        throw new EndOfStreamException($"connection closed inside a frame ({buffer.Length} bytes pending)");
                    }

                    break;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _cipher?.Dispose();
        _writeLock.Dispose();
    }

    private InboundMessage Open(CompanionFrame frame)
    {
        int length = checked((int)frame.Payload.Length);
        if (_cipher is null)
        {
            if (frame.Type == MessageType.Sealed)
            {
                throw new CompanionProtocolException(ErrorCode.UnexpectedMessage, "sealed frame before authentication");
            }

            return new InboundMessage(frame.Type, frame.Payload.ToArray());
        }

        if (frame.Type != MessageType.Sealed)
        {
            throw new CompanionProtocolException(
                ErrorCode.UnexpectedMessage, $"clear frame of type 0x{(byte)frame.Type:X2} after authentication");
        }

        byte[] sealedPayload = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.Payload.CopyTo(sealedPayload);
            Span<byte> header = stackalloc byte[FrameDecoder.HeaderSize];
            FrameWriter.TryWriteHeader(header, MessageType.Sealed, length);
            byte[] inner = new byte[Math.Max(0, length - SessionCipher.CounterSize - SessionCipher.TagSize)];
            if (!_cipher.TryOpen(header, sealedPayload.AsSpan(0, length), inner, out var code, out string? error))
            {
                throw new CompanionProtocolException(code, error!);
            }

            return new InboundMessage((MessageType)inner[0], inner.AsMemory(1));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedPayload);
        }
    }
}

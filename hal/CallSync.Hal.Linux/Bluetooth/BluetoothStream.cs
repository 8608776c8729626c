using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// An accepted or connected Bluetooth channel as a byte stream. RFCOMM is a byte stream already. An L2CAP
/// connection-oriented channel carries SDUs (SOCK_SEQPACKET): writes are cut into SDUs of at most
/// <see cref="SendMtu"/> bytes (a companion frame may span several) and each read takes the next SDU, so the framing
/// above never depends on where SDUs end. Blocking calls run on the thread pool; cancelling one ends the connection.
/// </summary>
public sealed class BluetoothStream : Stream
{
    private readonly BluetoothSocket _socket;
    private readonly byte[]? _received;
    private int _receivedOffset;
    private int _receivedCount;
    private long _packetsSent;
    private long _packetsReceived;

    internal BluetoothStream(BluetoothSocket socket, EndPoint? peer, int sendMtu = 0, int receiveMtu = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sendMtu);
        ArgumentOutOfRangeException.ThrowIfNegative(receiveMtu);
        _socket = socket;
        Peer = peer;
        SendMtu = sendMtu;
        ReceiveMtu = receiveMtu;
        _received = receiveMtu > 0 ? new byte[receiveMtu] : null;
    }

    /// <summary>The connected device, when the kernel reported it.</summary>
    public EndPoint? Peer { get; }

    /// <summary>The largest SDU the peer accepts (BT_SNDMTU); 0 for a byte stream.</summary>
    public int SendMtu { get; }

    /// <summary>The largest SDU this side accepts (BT_RCVMTU); 0 for a byte stream.</summary>
    public int ReceiveMtu { get; }

    /// <summary>SDUs written so far (0 for a byte stream).</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>SDUs read so far (0 for a byte stream).</summary>
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Two connected streams over an AF_UNIX SOCK_SEQPACKET pair, each sending and accepting SDUs of at most
    /// <paramref name="mtu"/> bytes: an LE channel's message boundaries without a radio (simulation and tests).
    /// </summary>
    public static (BluetoothStream First, BluetoothStream Second) CreateSeqPacketPair(int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 23);
        var (first, second) = BluetoothSocket.CreateSeqPacketPair();
        return (new BluetoothStream(first, null, mtu, mtu), new BluetoothStream(second, null, mtu, mtu));
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        if (_received is null)
        {
            return _socket.Read(buffer);
        }

        if (_receivedCount == 0)
        {
            if (buffer.Length >= ReceiveMtu)
            {
                // Room for a whole SDU: no copy.
                return CountPacket(_socket.ReceivePacket(buffer[..ReceiveMtu]));
            }

            _receivedOffset = 0;
            _receivedCount = CountPacket(_socket.ReceivePacket(_received));
            if (_receivedCount == 0)
            {
                return 0;
            }
        }

        int count = Math.Min(buffer.Length, _receivedCount);
        _received.AsSpan(_receivedOffset, count).CopyTo(buffer);
        _receivedOffset += count;
        _receivedCount -= count;
        return count;
    }

    /// <inheritdoc/>
    [SuppressMessage("ApiDesign", "RS0027", Justification = "Stream's own signature: the override keeps its default token.")]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A blocked recv() only wakes on shutdown: cancelling a read ends the connection.
        using (cancellationToken.Register(_socket.Shutdown))
        {
            int count = await Task.Run(() => Read(buffer.Span), CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return count;
        }
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (SendMtu == 0)
        {
            _socket.Write(buffer);
            return;
        }

        while (!buffer.IsEmpty)
        {
            int size = Math.Min(buffer.Length, SendMtu);
            _socket.SendPacket(buffer[..size]);
            Interlocked.Increment(ref _packetsSent);
            buffer = buffer[size..];
        }
    }

    /// <inheritdoc/>
    [SuppressMessage("ApiDesign", "RS0027", Justification = "Stream's own signature: the override keeps its default token.")]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // An LE channel out of credits blocks send(): keep that off the caller's thread, and let cancelling wake it.
        using (cancellationToken.Register(_socket.Shutdown))
        {
            await Task.Run(() => Write(buffer.Span), CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CountPacket(int length)
    {
        if (length > ReceiveMtu)
        {
            throw new IOException($"{_socket.Protocol}: an SDU of {length} bytes exceeds the receive MTU of {ReceiveMtu} bytes; its end was lost");
        }

        if (length > 0)
        {
            Interlocked.Increment(ref _packetsReceived);
        }

        return length;
    }
}

using System.Net;
using System.Net.Sockets;

namespace CallSync.Sip.Transport;

/// <summary>
/// One TCP or TLS connection of a <see cref="SipStreamChannel"/>: the socket, the stream over it (the socket's own,
/// or TLS over it), one writer at a time, and the RFC 5626 keep-alive state of a flow this side opened.
/// </summary>
internal sealed class SipStreamConnection(Socket socket, Stream stream, SipTarget remote, bool outgoing)
{
    private string? _closeReason;
    private volatile bool _awaitingPong;

    public Socket Socket { get; } = socket;

    public Stream Stream { get; } = stream;

    /// <summary>The peer, with the server name it was opened for (outgoing TLS).</summary>
    public SipTarget Remote { get; } = remote;

    /// <summary>The local end of the connection (its ephemeral port for an outgoing one).</summary>
    public IPEndPoint Local { get; } = (IPEndPoint)socket.LocalEndPoint!;

    /// <summary>True when this side opened it (a flow to a registrar or proxy), false when accepted.</summary>
    public bool Outgoing { get; } = outgoing;

    public SemaphoreSlim SendLock { get; } = new(1, 1);

    public Task? ReadLoop { get; set; }

    /// <summary>Sends the double-CRLF ping and checks the pong (RFC 5626 4.4.1); null when keep-alives are off.</summary>
    public ITimer? KeepAlive { get; set; }

    /// <summary>A ping went out and nothing came back yet.</summary>
    public bool AwaitingPong
    {
        get => _awaitingPong;
        set => _awaitingPong = value;
    }

    /// <summary>Why this side closed it (no pong, the peer vanished), or null when the peer closed it.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SendLock.Release();
        }
    }

    /// <summary>Closes the connection (its read loop ends and reports <paramref name="reason"/>). Idempotent.</summary>
    public void Close(string reason)
    {
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        KeepAlive?.Dispose();
        Socket.Dispose();
        Stream.Dispose();
    }
}

using System.Threading.Channels;
using CallSync.Hal;
using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Companion.Tests.Support;

/// <summary>
/// A companion transport whose connections are SOCK_SEQPACKET socket pairs with an LE-sized MTU: each
/// <see cref="ConnectAsync"/> makes a pair, queues one end for the server's accept and returns the other.
/// </summary>
public sealed class SeqPacketTransport : ICompanionTransport
{
    /// <summary>The largest LE link-layer payload (Data Length Extension): an SDU of this size crosses in one air packet.</summary>
    public const int LeMtu = 251;

    private readonly Channel<Stream> _accepted = Channel.CreateUnbounded<Stream>();

    public string Endpoint => $"seqpacket:mtu {LeMtu}";

    /// <summary>Every server-side stream handed out, to read their SDU counts.</summary>
    public List<BluetoothStream> ServerEnds { get; } = [];

    public Task<Stream> ConnectAsync()
    {
        var (client, server) = BluetoothStream.CreateSeqPacketPair(LeMtu);
        lock (ServerEnds)
        {
            ServerEnds.Add(server);
        }

        _accepted.Writer.TryWrite(server);
        return Task.FromResult<Stream>(client);
    }

    public async ValueTask<Stream> AcceptAsync(CancellationToken cancellationToken) =>
        await _accepted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        _accepted.Writer.TryComplete();
        while (_accepted.Reader.TryRead(out var pending))
        {
            await pending.DisposeAsync().ConfigureAwait(false);
        }
    }
}

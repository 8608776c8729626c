using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Companion.Tests.Support;

/// <summary>
/// The LE counterpart of <see cref="TcpProxy"/>: relays SDUs between a companion-side and a phone-side SEQPACKET pair
/// and drops the link after N bytes from the phone, at an SDU boundary (L2CAP discards a partly received SDU).
/// </summary>
public sealed class SduRelay(SeqPacketTransport phone, Func<int, long?> cutAfterDownstreamBytes) : ICuttingLink
{
    private readonly List<Task> _relays = [];
    private readonly CancellationTokenSource _stop = new();
    private int _connections;
    private int _cuts;

    public int Cuts => Volatile.Read(ref _cuts);

    public async Task<Stream> OpenAsync()
    {
        var (companion, relayFront) = BluetoothStream.CreateSeqPacketPair(SeqPacketTransport.LeMtu);
        var relayBack = (BluetoothStream)await phone.ConnectAsync();
        long? cut = cutAfterDownstreamBytes(_connections++);
        var up = PumpAsync(relayFront, relayBack, null);
        var down = PumpAsync(relayBack, relayFront, cut);
        _relays.Add(Task.WhenAny(up, down).ContinueWith(
            _ =>
            {
                relayFront.Dispose();
                relayBack.Dispose();
            },
            TaskScheduler.Default));
        return companion;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_relays).WaitAsync(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }

    private async Task PumpAsync(BluetoothStream from, BluetoothStream to, long? cutAfter)
    {
        byte[] sdu = new byte[SeqPacketTransport.LeMtu];
        long total = 0;
        try
        {
            while (true)
            {
                int count = await from.ReadAsync(sdu, _stop.Token);
                if (count == 0)
                {
                    return;
                }

                if (cutAfter is { } limit && total + count > limit)
                {
                    Interlocked.Increment(ref _cuts);
                    return;
                }

                await to.WriteAsync(sdu.AsMemory(0, count), _stop.Token);
                total += count;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The other direction or the test closed the relay.
        }
    }
}

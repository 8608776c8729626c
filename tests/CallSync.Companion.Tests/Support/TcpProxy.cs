using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CallSync.Companion.Tests.Support;

/// <summary>
/// A TCP relay on 127.0.0.1 between a companion and the phone that can cut a connection after N bytes
/// from the phone, and pace those bytes to a fixed rate. Every loop ends when either socket closes.
/// </summary>
public sealed class TcpProxy : ICuttingLink
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];
    private readonly Task _acceptLoop;
    private int _connections;
    private int _cuts;

    public TcpProxy(IPEndPoint target, Func<int, long?>? cutAfterDownstreamBytes = null, int? downstreamBytesPerSecond = null)
    {
        _target = target;
        CutAfter = cutAfterDownstreamBytes ?? (_ => null);
        Rate = downstreamBytesPerSecond;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    public int Cuts => Volatile.Read(ref _cuts);

    public Task<Stream> OpenAsync() => CallSync.Companion.Transport.TcpCompanionTransport.ConnectAsync("127.0.0.1", Port, ServerFixture.Timeout());

    private Func<int, long?> CutAfter { get; }

    private int? Rate { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_open)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }
        }

        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            await server.ConnectAsync(_target, _stop.Token);
            lock (_open)
            {
                _open.Add(client);
                _open.Add(server);
            }

            int index = Interlocked.Increment(ref _connections) - 1;
            _ = RelayAsync(client, server, CutAfter(index));
        }
    }

    private async Task RelayAsync(Socket client, Socket server, long? cutAfter)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var up = PumpAsync(client, server, null, null, done.Token);
        var down = PumpAsync(server, client, cutAfter, Rate, done.Token);
        await Task.WhenAny(up, down);
        await done.CancelAsync();
        client.LingerState = new LingerOption(true, 0);
        server.LingerState = new LingerOption(true, 0);
        client.Dispose();
        server.Dispose();
        await Task.WhenAll(up, down).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Relays bytes. When paced, it models a link of <paramref name="rate"/> bytes/s: sending credit accrues while
    /// the relay holds data (so its own scheduling delays on a loaded machine are made up, as a real link would have
    /// sent meanwhile) but not while it waits for the sender (so stalls of the protocol count against its goodput).
    /// </summary>
    private async Task PumpAsync(Socket from, Socket to, long? cutAfter, int? rate, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        var clock = Stopwatch.StartNew();
        double tokens = 0;
        double lastRefill = 0;
        try
        {
            while (true)
            {
                bool idle = from.Available == 0;
                int count = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (count == 0)
                {
                    return;
                }

                if (idle)
                {
                    // The link sat idle waiting for the sender: no credit for that time beyond one small burst.
                    lastRefill = clock.Elapsed.TotalSeconds;
                    tokens = Math.Min(tokens, 2048);
                }

                int offset = 0;
                while (offset < count)
                {
                    int slice = Math.Min(count - offset, rate is null ? count : 2048);
                    if (cutAfter is { } limit && total + slice >= limit)
                    {
                        int last = (int)(limit - total);
                        if (last > 0)
                        {
                            await to.SendAsync(buffer.AsMemory(offset, last), SocketFlags.None, cancellationToken);
                        }

                        Interlocked.Increment(ref _cuts);
                        return;
                    }

                    if (rate is { } bytesPerSecond)
                    {
                        while (true)
                        {
                            double now = clock.Elapsed.TotalSeconds;
                            tokens += (now - lastRefill) * bytesPerSecond;
                            lastRefill = now;
                            if (tokens >= slice)
                            {
                                tokens -= slice;
                                break;
                            }

                            await Task.Delay(TimeSpan.FromSeconds((slice - tokens) / bytesPerSecond), cancellationToken);
                        }
                    }

                    await to.SendAsync(buffer.AsMemory(offset, slice), SocketFlags.None, cancellationToken);
                    offset += slice;
                    total += slice;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other direction or the test closed the relay.
        }
    }
}

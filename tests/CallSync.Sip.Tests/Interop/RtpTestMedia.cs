using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CallSync.Sdp;

namespace CallSync.Sip.Tests.Interop;

/// <summary>
/// Test media over a real RTP socket: on start it sends 50 G.711 (PCMU, 20 ms) packets to the negotiated
/// address and counts RTP packets arriving from the peer.
/// </summary>
public sealed class RtpTestMedia : IAsyncDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receive;
    private Task? _send;
    private int _received;

    public RtpTestMedia()
    {
        var port = ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;
        LocalMedia = new SdpLocalMedia { Address = "127.0.0.1", Port = port, Codecs = [SdpCodec.Pcmu, SdpCodec.Pcma] };
        _receive = Task.Run(ReceiveLoopAsync);
    }

    public SdpLocalMedia LocalMedia { get; }

    public int Received => Volatile.Read(ref _received);

    public int Sent { get; private set; }

    public SdpNegotiatedMedia? Negotiated { get; private set; }

    public void Start(SdpNegotiatedMedia media)
    {
        Negotiated = media;
        _send ??= Task.Run(() => SendAsync(media));
    }

    public void Stop() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            await Task.WhenAll(_send ?? Task.CompletedTask, _receive);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task SendAsync(SdpNegotiatedMedia media)
    {
        var remote = new IPEndPoint(IPAddress.Parse(media.RemoteAddress), media.RemotePort);
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        packet[1] = (byte)media.PayloadType;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x1234_5678);
        packet.AsSpan(12).Fill(0xFF); // mu-law silence
        for (var i = 0; i < 50 && !_stop.IsCancellationRequested; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)i);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(i * 160));
            await _socket.SendAsync(packet, remote, _stop.Token);
            Sent++;
            await Task.Delay(20, _stop.Token);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult r;
            try
            {
                r = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (r.Buffer.Length >= 12 && (r.Buffer[0] >> 6) == 2)
            {
                Interlocked.Increment(ref _received);
            }
        }
    }
}

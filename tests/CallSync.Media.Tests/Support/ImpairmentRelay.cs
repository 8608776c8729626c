using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CallSync.Media.Tests.Support;

/// <summary>
/// A user-space netem: sits between endpoint A and endpoint B on 127.0.0.1 (RTP and RTCP port pairs on both
/// sides) and impairs RTP travelling from B to A: seeded random loss, uniform extra delay (which reorders
/// packets whose delays differ by more than their spacing) and duplicates. Everything else passes untouched.
/// </summary>
internal sealed class ImpairmentRelay : IDisposable
{
    private readonly Socket _aRtp;
    private readonly Socket _aRtcp;
    private readonly Socket _bRtp;
    private readonly Socket _bRtcp;
    private readonly Random _random;
    private readonly double _loss;
    private readonly TimeSpan _maxDelay;
    private readonly double _duplicate;
    private readonly Thread _thread;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan Due, byte[] Data, Socket Via, EndPoint To)> _pending = [];
    private volatile bool _stop;
    private IPEndPoint? _a;
    private IPEndPoint? _b;

    public ImpairmentRelay(int seed, double loss, TimeSpan maxDelay, double duplicate)
    {
        _random = new Random(seed);
        _loss = loss;
        _maxDelay = maxDelay;
        _duplicate = duplicate;
        (_aRtp, _aRtcp) = BindPair();
        (_bRtp, _bRtcp) = BindPair();
        _thread = new Thread(Run) { IsBackground = true, Name = "impairment relay" };
    }

    /// <summary>Where A must send (the relay's A-side RTP port).</summary>
    public IPEndPoint EndpointForA => (IPEndPoint)_aRtp.LocalEndPoint!;

    /// <summary>Where B must send.</summary>
    public IPEndPoint EndpointForB => (IPEndPoint)_bRtp.LocalEndPoint!;

    public long Dropped { get; private set; }

    public long Forwarded { get; private set; }

    public void Start(IPEndPoint a, IPEndPoint b)
    {
        _a = a;
        _b = b;
        _thread.Start();
    }

    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _aRtp.Dispose();
        _aRtcp.Dispose();
        _bRtp.Dispose();
        _bRtcp.Dispose();
    }

    private static (Socket Rtp, Socket Rtcp) BindPair()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)rtp.LocalEndPoint!).Port + 1));
                return (rtp, rtcp);
            }
            catch (SocketException)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }

        throw new InvalidOperationException("no free port pair");
    }

    private void Run()
    {
        var buffer = new byte[2048];
        var sockets = new List<Socket>(4);
        while (!_stop)
        {
            sockets.Clear();
            sockets.AddRange([_aRtp, _aRtcp, _bRtp, _bRtcp]);
            Socket.Select(sockets, null, null, 1000);
            foreach (Socket s in sockets)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n = s.ReceiveFrom(buffer, ref from);
                byte[] data = buffer.AsSpan(0, n).ToArray();
                if (s == _aRtp)
                {
                    _bRtp.SendTo(data, _b!);
                }
                else if (s == _aRtcp)
                {
                    _bRtcp.SendTo(data, new IPEndPoint(_b!.Address, _b.Port + 1));
                }
                else if (s == _bRtcp)
                {
                    _aRtcp.SendTo(data, new IPEndPoint(_a!.Address, _a.Port + 1));
                }
                else
                {
                    Impair(data);
                }
            }

            TimeSpan now = _clock.Elapsed;
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                if (_pending[i].Due <= now)
                {
                    _pending[i].Via.SendTo(_pending[i].Data, _pending[i].To);
                    _pending.RemoveAt(i);
                    Forwarded++;
                }
            }
        }
    }

    private void Impair(byte[] data)
    {
        if (_random.NextDouble() < _loss)
        {
            Dropped++;
            return;
        }

        int copies = _random.NextDouble() < _duplicate ? 2 : 1;
        for (int c = 0; c < copies; c++)
        {
            TimeSpan delay = _maxDelay * _random.NextDouble();
            _pending.Add((_clock.Elapsed + delay, data, _aRtp, _a!));
        }
    }
}

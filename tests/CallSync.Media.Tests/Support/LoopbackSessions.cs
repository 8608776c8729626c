using System.Net;
using System.Net.Sockets;
using CallSync.Media.Session;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.Support;

/// <summary>Media sessions on 127.0.0.1 for call tests, each pair in its own random port range.</summary>
internal static class LoopbackSessions
{
    public const int Rate = 16000;

    public static readonly MediaCodecChoice Opus = new(AudioCodec.Opus, 111, 110);

    public static int RandomBase() => 20000 + (2 * Random.Shared.Next(0, 15000));

    public static RtpMediaSession Create(int basePort, Action<RtpMediaSessionOptions>? configure = null) =>
        new(Options(basePort, configure), Rate, TimeProvider.System, NullLogger<RtpMediaSession>.Instance);

    /// <summary>Options for 127.0.0.1, 400 ports from <paramref name="basePort"/>, RTCP every second.</summary>
    public static RtpMediaSessionOptions Options(int basePort, Action<RtpMediaSessionOptions>? configure = null)
    {
        var options = new RtpMediaSessionOptions
        {
            LocalAddress = IPAddress.Loopback,
            PortRangeStart = basePort,
            PortRangeEnd = basePort + 399,
            RtcpInterval = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A UDP socket bound to <paramref name="address"/> on a free port.</summary>
    public static Socket BindUdp(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }
}

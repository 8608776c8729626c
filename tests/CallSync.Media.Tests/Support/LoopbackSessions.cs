using System.Net;
using CallSync.Media.Session;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.Support;

/// <summary>Media sessions on 127.0.0.1 for call tests, each pair in its own random port range.</summary>
internal static class LoopbackSessions
{
    public const int Rate = 16000;

    public static readonly MediaCodecChoice Opus = new(AudioCodec.Opus, 111, 110);

    public static int RandomBase() => 20000 + (2 * Random.Shared.Next(0, 15000));

    public static RtpMediaSession Create(int basePort, Action<RtpMediaSessionOptions>? configure = null)
    {
        var options = new RtpMediaSessionOptions
        {
            LocalAddress = IPAddress.Loopback,
            PortRangeStart = basePort,
            PortRangeEnd = basePort + 399,
            RtcpInterval = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(options);
        return new RtpMediaSession(options, Rate, TimeProvider.System, NullLogger<RtpMediaSession>.Instance);
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CallSync.Sip.Transport;

/// <summary>SIP over TCP (RFC 3261 section 18): the connection handling and framing of <see cref="SipStreamChannel"/> on plain sockets.</summary>
public sealed class SipTcpChannel : SipStreamChannel
{
    /// <summary>Binds and listens at once, so <see cref="SipStreamChannel.LocalEndPoint"/> holds the real port; no keep-alives.</summary>
    public SipTcpChannel(IPEndPoint bind, ILogger logger)
        : this(bind, TimeSpan.Zero, TimeProvider.System, logger)
    {
    }

    /// <summary>Binds and listens at once; flows this side opens are kept alive every <paramref name="keepAliveInterval"/> (zero: never).</summary>
    public SipTcpChannel(IPEndPoint bind, TimeSpan keepAliveInterval, TimeProvider time, ILogger logger)
        : base(bind ?? throw new ArgumentNullException(nameof(bind)), keepAliveInterval, time, logger)
    {
    }

    /// <inheritdoc />
    public override SipTransportKind Transport => SipTransportKind.Tcp;

    private protected override Task<Stream> OpenClientStreamAsync(NetworkStream network, SipTarget target, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(network);

    private protected override Task<Stream?> OpenServerStreamAsync(NetworkStream network, IPEndPoint remote, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(network);
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace CallSync.Sip.Transport.Tls;

/// <summary>
/// SIP over TLS (RFC 3261 section 26; RFC 5630 for <c>sips:</c>): the connections and framing of
/// <see cref="SipStreamChannel"/> with TLS 1.2 or 1.3 over each. A server's certificate is checked by
/// <see cref="SipTlsContext.Check"/> against the host it was reached for (<see cref="SipTarget.ServerName"/>); a refused
/// one fails the send with a <see cref="SipFlowException"/> whose message is the one-line reason. Listening needs the
/// phone's certificate; without a bind endpoint the channel only opens connections.
/// </summary>
public sealed class SipTlsChannel : SipStreamChannel
{
    private readonly SipTlsContext _context;

    /// <summary>
    /// Binds and listens at once when <paramref name="bind"/> is given (then <paramref name="context"/> must hold a
    /// certificate); flows this side opens are kept alive every <paramref name="keepAliveInterval"/> (zero: never).
    /// </summary>
    /// <exception cref="ArgumentException">Listening was asked for without a certificate.</exception>
    public SipTlsChannel(IPEndPoint? bind, SipTlsContext context, TimeSpan keepAliveInterval, TimeProvider time, ILogger logger)
        : base(CheckBind(bind, context), keepAliveInterval, time, logger)
    {
        _context = context;
    }

    /// <inheritdoc />
    public override SipTransportKind Transport => SipTransportKind.Tls;

    private protected override async Task<Stream> OpenClientStreamAsync(NetworkStream network, SipTarget target, CancellationToken cancellationToken)
    {
        string? refusal = null;
        var host = target.ServerName ?? target.EndPoint.Address.ToString();
        var tls = new SslStream(network, leaveInnerStreamOpen: false, (_, certificate, chain, errors) =>
        {
            refusal = _context.Check(certificate, chain, errors, Time.GetUtcNow());
            return refusal is null;
        });
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host.Trim('[', ']'),
            EnabledSslProtocols = SipTlsContext.Protocols,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        if (_context.Certificate is { } certificate)
        {
            options.ClientCertificates = [certificate];
        }

        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            var port = target.EndPoint.Port;
            throw new SipFlowException($"TLS to {host}:{port} refused: {refusal ?? HandshakeFailure(ex)}", ex);
        }
    }

    private protected override async Task<Stream?> OpenServerStreamAsync(NetworkStream network, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _context.Certificate,
                EnabledSslProtocols = SipTlsContext.Protocols,
                ClientCertificateRequired = false,
            }, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            Log.TlsAcceptFailed(Logger, remote.ToString(), HandshakeFailure(ex));
            await tls.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    private static IPEndPoint? CheckBind(IPEndPoint? bind, SipTlsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (bind is not null && context.Certificate is null)
        {
            throw new ArgumentException($"tls:{bind} needs the phone's certificate (Sip:Tls:Certificate and Sip:Tls:PrivateKey)", nameof(bind));
        }

        return bind;
    }

    // The handshake failed before or without a certificate check: protocol versions, ciphers, the peer hung up.
    private static string HandshakeFailure(Exception ex) =>
        $"handshake failed ({(ex.InnerException ?? ex).Message.TrimEnd('.')})";
}

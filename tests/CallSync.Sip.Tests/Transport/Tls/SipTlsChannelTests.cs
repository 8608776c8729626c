using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Tls;
using CallSync.Testing.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Sip.Tests.Transport.Tls;

/// <summary>
/// The TLS channel over loopback with a CA made by the test: framing over the encrypted stream, and each way a server's
/// certificate fails validation giving its own one-line reason (also as the transport's last TLS error).
/// </summary>
public sealed class SipTlsChannelTests : IDisposable
{
    private readonly X509Certificate2 _ca = TestPki.CreateCa("CallSync Test CA");
    private readonly X509Certificate2 _evilCa = TestPki.CreateCa("Evil CA");

    public void Dispose()
    {
        _ca.Dispose();
        _evilCa.Dispose();
    }

    private static string Options(int cseq) =>
        $"OPTIONS sip:pbx.test SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK{cseq}\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:a@pbx.test>;tag=1\r\nTo: <sip:pbx.test>\r\nCall-ID: tls-{cseq}\r\nCSeq: {cseq} OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private SipTlsChannel Server(X509Certificate2 certificate) =>
        new(new IPEndPoint(IPAddress.Loopback, 0), SipTlsContext.Create(null, certificate), TimeSpan.Zero, TimeProvider.System, NullLogger.Instance);

    private SipTransport Client() =>
        new([], NullLogger<SipTransport>.Instance, SipTlsContext.Create([_ca], null), TimeSpan.Zero, TimeProvider.System);

    private static SipTarget Target(SipChannel server, string name) =>
        new(SipTransportKind.Tls, server.LocalEndPoint) { ServerName = name };

    [Fact]
    public async Task Receive_MessagesSplitAndJoinedOverTls_EachDeliveredWhole()
    {
        using var leaf = TestPki.CreateLeaf(_ca, "pbx.test");
        await using var server = Server(leaf);
        var received = new List<string>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.MessageReceived = (m, source) =>
        {
            Assert.Equal(SipTransportKind.Tls, source.Transport);
            lock (received)
            {
                received.Add(m.CallId);
                if (received.Count == 3)
                {
                    all.TrySetResult();
                }
            }
        };
        server.Start();

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.LocalEndPoint);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, c, _, e) => e == SslPolicyErrors.None || c is not null);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "pbx.test", EnabledSslProtocols = SipTlsContext.Protocols });
        var two = Encoding.ASCII.GetBytes(Options(1) + Options(2));
        var third = Encoding.ASCII.GetBytes("\r\n\r\n" + Options(3));
        await tls.WriteAsync(two);
        await tls.WriteAsync(third.AsMemory(0, 40));
        await tls.FlushAsync();
        await Task.Delay(50);
        await tls.WriteAsync(third.AsMemory(40));

        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["tls-1", "tls-2", "tls-3"], received);
        // The double-CRLF ping between them got its single-CRLF pong.
        var pong = new byte[2];
        await tls.ReadExactlyAsync(pong).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("\r\n"u8.ToArray(), pong);
    }

    [Fact]
    public async Task Send_TrustedServer_RequestAndResponseShareTheConnection()
    {
        using var leaf = TestPki.CreateLeaf(_ca, "pbx.test");
        await using var server = Server(leaf);
        server.MessageReceived = (m, source) =>
        {
            var response = SipResponseBuilder.CreateFor((SipRequest)m, 200, null, "srv").ToArray();
            _ = server.SendAsync(response, source, CancellationToken.None).AsTask();
        };
        server.Start();
        await using var client = Client();
        var answered = new TaskCompletionSource<SipTarget>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived += (m, source) => answered.TrySetResult(source);
        client.Start();

        Assert.True(SipMessage.TryParse(Encoding.ASCII.GetBytes(Options(7)), out var request, out _));
        client.Send(request!, Target(server, "pbx.test"));

        var source = await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(server.LocalEndPoint, source.EndPoint);
        Assert.Equal(SipTransportKind.Tls, source.Transport);
        Assert.Equal(1, ((SipStreamChannel)client.Channels.Single()).ConnectionCount);
        Assert.Null(client.LastTlsError);
    }

    [Fact]
    public async Task Connect_CertificateFromAnotherCa_RefusedAsNotTrusted()
    {
        using var leaf = TestPki.CreateLeaf(_evilCa, "pbx.test");
        await using var server = Server(leaf);
        server.Start();
        await using var client = Client();

        var (local, error) = await client.ConnectAsync(Target(server, "pbx.test"), CancellationToken.None);

        Assert.Null(local);
        Assert.Equal($"TLS to pbx.test:{server.LocalEndPoint.Port} refused: certificate not trusted (issuer CN=Evil CA not in Sip:Tls:CaFile)", error);
        Assert.Equal(error, client.LastTlsError);
    }

    [Fact]
    public async Task Connect_TrustedCertificateIssuedForClientsOnly_RefusedAsNotForAServer()
    {
        using var leaf = TestPki.CreateLeaf(_ca, "pbx.test", clientOnly: true);
        await using var server = Server(leaf);
        server.Start();
        await using var client = Client();

        var (local, error) = await client.ConnectAsync(Target(server, "pbx.test"), CancellationToken.None);

        Assert.Null(local);
        Assert.Equal($"TLS to pbx.test:{server.LocalEndPoint.Port} refused: certificate not for a server " +
            "(its extended key usage has no TLS server authentication)", error);
    }

    [Fact]
    public async Task Connect_CertificateForAnotherName_RefusedAsNameMismatch()
    {
        using var leaf = TestPki.CreateLeaf(_ca, "other.example");
        await using var server = Server(leaf);
        server.Start();
        await using var client = Client();

        var (_, error) = await client.ConnectAsync(Target(server, "pbx.example"), CancellationToken.None);

        Assert.Equal($"TLS to pbx.example:{server.LocalEndPoint.Port} refused: name mismatch: certificate is for other.example, 127.0.0.1", error);
    }

    [Fact]
    public async Task Connect_ExpiredCertificate_RefusedWithItsEndDate()
    {
        var ended = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-3), TimeSpan.Zero);
        using var leaf = TestPki.CreateLeaf(_ca, "pbx.test", ended.AddDays(-30), ended);
        await using var server = Server(leaf);
        server.Start();
        await using var client = Client();

        var (_, error) = await client.ConnectAsync(Target(server, "pbx.test"), CancellationToken.None);

        Assert.Equal($"TLS to pbx.test:{server.LocalEndPoint.Port} refused: certificate expired on {ended:yyyy-MM-dd} 00:00 UTC", error);
    }

    [Fact]
    public async Task Connect_RefusedThenTrusted_LastErrorClears()
    {
        using var evil = TestPki.CreateLeaf(_evilCa, "pbx.test");
        using var good = TestPki.CreateLeaf(_ca, "pbx.test");
        await using var refusing = Server(evil);
        await using var trusted = Server(good);
        refusing.Start();
        trusted.Start();
        await using var client = Client();

        await client.ConnectAsync(Target(refusing, "pbx.test"), CancellationToken.None);
        Assert.NotNull(client.LastTlsError);
        var (local, error) = await client.ConnectAsync(Target(trusted, "pbx.test"), CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(IPAddress.Loopback, local!.Address);
        Assert.Null(client.LastTlsError);
    }

    [Fact]
    public void Create_ListeningWithoutCertificate_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new SipTlsChannel(new IPEndPoint(IPAddress.Loopback, 0), SipTlsContext.SystemTrust, TimeSpan.Zero, TimeProvider.System, NullLogger.Instance));
        Assert.Contains("needs the phone's certificate", ex.Message, StringComparison.Ordinal);
    }
}

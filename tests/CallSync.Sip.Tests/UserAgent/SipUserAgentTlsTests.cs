using System.Security.Cryptography.X509Certificates;
using CallSync.Sdp;
using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Fakes;
using CallSync.Testing.Tls;
using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Tls;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.UserAgent;

/// <summary>
/// The user agent over TLS against a server scripted by the test with a CA made by the test: which targets go over
/// TLS (<c>sips:</c>, <c>;transport=tls</c>, a registrar configured that way), what the requests say (Via TLS, Contact
/// <c>;transport=tls</c>), and a refused certificate as the registration's reason.
/// </summary>
public sealed class SipUserAgentTlsTests : IAsyncLifetime
{
    private readonly X509Certificate2 _ca = TestPki.CreateCa("CallSync Test CA");
    private readonly X509Certificate2 _server;
    private readonly StreamSipServer _pbx;

    public SipUserAgentTlsTests()
    {
        _server = TestPki.CreateLeaf(_ca, "pbx.test");
        _pbx = new StreamSipServer(_server);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _pbx.DisposeAsync();
        _server.Dispose();
        _ca.Dispose();
    }

    private SipUserAgent Agent(X509Certificate2 trusted, string? domain = null) => new(new SipUserAgentOptions
    {
        User = "1001",
        Password = "secret",
        Domain = domain,
        DomainTransport = domain is null ? null : SipTransportKind.Tls,
        ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
        Tls = SipTlsContext.Create([trusted], null),
        DnsServers = [],
    });

    [Theory]
    [InlineData("sips:1002@127.0.0.1:{0}")]
    [InlineData("sip:1002@127.0.0.1:{0};transport=tls")]
    public async Task TryPlaceCall_SipsOrTransportTls_InviteGoesOverTlsAndSaysSo(string destination)
    {
        await using var ua = Agent(_ca);
        await ua.StartAsync();

        Assert.True(ua.TryPlaceCall(string.Format(System.Globalization.CultureInfo.InvariantCulture, destination, _pbx.Port), new SdpLocalMedia { Address = "127.0.0.1", Port = 40000, Codecs = [SdpCodec.Pcmu] }, out var call, out _));
        await using var flow = await _pbx.AcceptAsync();
        var invite = Assert.IsType<SipRequest>(await flow.ReceiveAsync());

        Assert.Equal(SipMethod.Invite, invite.Method);
        Assert.Equal("TLS", invite.TopVia!.Transport);
        Assert.Equal("tls", invite.Contacts[0].Uri.Transport);
        Assert.Equal(SipTransportKind.Tls, call.SignallingTransport);
        Assert.Equal(destination.StartsWith("sips:", StringComparison.Ordinal), call.IsSecureDialog);
        await call.HangUpAsync();
    }

    [Fact]
    public async Task Register_RegistrarOverTls_RegistersOnTheFlowWithItsPortInContact()
    {
        await using var ua = Agent(_ca, $"127.0.0.1:{_pbx.Port}");
        var registered = new TaskCompletionSource<SipRegistrationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.RegistrationChanged += s => registered.TrySetResult(s);
        await ua.StartAsync();

        await using var flow = await _pbx.AcceptAsync();
        var register = await flow.AnswerAsync(200);

        Assert.True((await registered.Task.WaitAsync(TimeSpan.FromSeconds(10))).IsRegistered);
        Assert.Equal("TLS", register.TopVia!.Transport);
        Assert.Equal("tls", register.RequestUri!.Transport);
        // No tls: endpoint (no certificate): the contact is the flow's own end, where the registrar reaches the phone.
        var contact = register.Contacts[0].Uri;
        Assert.Equal("tls", contact.Transport);
        Assert.NotEqual(ua.LocalEndPoints[0].EndPoint.Port, contact.Port);
        Assert.Null(ua.LastTlsError);
    }

    [Fact]
    public async Task Register_RegistrarCertificateFromAnotherCa_RefusedWithTheReason()
    {
        using var other = TestPki.CreateCa("Other CA");
        await using var ua = Agent(other, $"127.0.0.1:{_pbx.Port}");
        var failed = new TaskCompletionSource<SipRegistrationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.RegistrationChanged += s => failed.TrySetResult(s);
        await ua.StartAsync();
        var accepted = _pbx.AcceptAsync(); // the agent refuses the certificate in (or, over TLS 1.3, right after) the handshake

        var state = await failed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var expected = $"TLS to 127.0.0.1:{_pbx.Port} refused: certificate not trusted (issuer CN=CallSync Test CA not in Sip:Tls:CaFile)";
        Assert.False(state.IsRegistered);
        Assert.Equal(expected, state.Reason);
        Assert.Equal(503, state.StatusCode);
        Assert.Equal(expected, ua.LastTlsError);
        try
        {
            await using var flow = await accepted;
            Assert.True(await flow.ClosedByAgentAsync()); // nothing was sent over it
        }
        catch (System.Security.Authentication.AuthenticationException)
        {
        }
        catch (IOException)
        {
        }
    }
}

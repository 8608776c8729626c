using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Sip.Tests.UserAgent;

/// <summary>
/// The registrar's flow over TCP (RFC 5626): the double-CRLF keep-alive on fake time, the pong that keeps the flow,
/// the missing pong that fails it, and a failed or closed flow replaced and the registration refreshed at once.
/// </summary>
public sealed class SipUserAgentFlowTests : IAsyncLifetime
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(100);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly StreamSipServer _registrar = new();
    private readonly List<SipRegistrationState> _states = [];
    private SipUserAgent? _ua;

    public Task InitializeAsync()
    {
        _ua = new SipUserAgent(new SipUserAgentOptions
        {
            User = "1001",
            Password = "secret",
            Domain = $"127.0.0.1:{_registrar.Port}",
            DomainTransport = SipTransportKind.Tcp,
            ListenEndPoints = [SipListenEndPoint.Parse("tcp:127.0.0.1:0")],
            KeepAliveInterval = KeepAlive,
            DnsServers = [],
        }, _time);
        _ua.RegistrationChanged += s =>
        {
            lock (_states)
            {
                _states.Add(s);
            }
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _ua!.DisposeAsync();
        await _registrar.DisposeAsync();
    }

    private async Task<StreamSipServer.Flow> RegisterAsync()
    {
        var flow = await _registrar.AcceptAsync();
        var register = await flow.AnswerAsync(200);
        Assert.Equal("TCP", register.TopVia!.Transport);
        Assert.Contains(";transport=tcp", register.RequestUriText, StringComparison.Ordinal);
        await WaitForAsync(s => s.IsRegistered);
        return flow;
    }

    private async Task WaitForAsync(Func<SipRegistrationState, bool> done)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (_states)
            {
                if (_states.Count > 0 && done(_states[^1]))
                {
                    return;
                }
            }

            await Task.Delay(10, cts.Token);
        }
    }

    [Fact]
    public async Task KeepAlive_PongAnswered_FlowKeptAndPingedAgain()
    {
        await _ua!.StartAsync();
        await using var flow = await RegisterAsync();

        _time.Advance(KeepAlive);
        Assert.Equal("\r\n\r\n", await flow.ReceiveBytesAsync(4));
        await flow.SendAsync("\r\n"u8.ToArray());
        await Task.Delay(200); // the agent reads the pong in real time before the fake 10 s pass
        _time.Advance(SipStreamChannel.PongTimeout);
        _time.Advance(KeepAlive - SipStreamChannel.PongTimeout);

        Assert.Equal("\r\n\r\n", await flow.ReceiveBytesAsync(4));
        Assert.True(_ua.Registration.IsRegistered);
    }

    [Fact]
    public async Task KeepAlive_NoPong_FlowClosedAndRegisteredAgainOverANewOne()
    {
        await _ua!.StartAsync();
        await using var first = await RegisterAsync();

        _time.Advance(KeepAlive);
        Assert.Equal("\r\n\r\n", await first.ReceiveBytesAsync(4));
        _time.Advance(SipStreamChannel.PongTimeout);

        Assert.True(await first.ClosedByAgentAsync());
        await using var second = await _registrar.AcceptAsync();
        var again = await second.AnswerAsync(200);
        Assert.Equal(SipMethod.Register, again.Method);
    }

    [Fact]
    public async Task Register_RegistrarClosesTheFlow_RegistersAgainAtOnce()
    {
        await _ua!.StartAsync();
        var first = await RegisterAsync();

        await first.DisposeAsync();

        // No fake time passes: the closed flow alone brings the next REGISTER, on a new connection.
        await using var second = await _registrar.AcceptAsync();
        var again = await second.AnswerAsync(200);
        Assert.Equal(SipMethod.Register, again.Method);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Sip.Tests.UserAgent;

/// <summary>Registration timing against a scripted registrar on loopback, with fake time for refresh and back-off.</summary>
public sealed class SipUserAgentRegistrationTests
{
    private static async Task<SipRequest> ReceiveRegisterAsync(UdpClient registrar, TimeSpan timeout)
    {
        var r = await registrar.ReceiveAsync().WaitAsync(timeout);
        Assert.True(SipMessage.TryParse(r.Buffer, out var m, out _));
        var request = Assert.IsType<SipRequest>(m);
        Assert.Equal(SipMethod.Register, request.Method);
        return request;
    }

    private static async Task ReplyAsync(UdpClient registrar, SipRequest request, int code, string? extra = null)
    {
        var b = SipResponseBuilder.CreateFor(request, code, null, "reg");
        if (extra is not null)
        {
            var colon = extra.IndexOf(':', StringComparison.Ordinal);
            b.AddHeader(extra[..colon], extra[(colon + 1)..].Trim());
        }

        var via = request.TopVia!;
        await registrar.SendAsync(b.ToArray(), new IPEndPoint(IPAddress.Loopback, via.Port!.Value));
    }

    private static async Task<double> SecondsUntilNextRegisterAsync(FakeTimeProvider time, UdpClient registrar, int maxSeconds)
    {
        for (var s = 1; s <= maxSeconds; s++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            if (registrar.Available > 0)
            {
                return s;
            }

            // Let the UA's send complete on the real socket before the next fake second.
            for (var i = 0; i < 20 && registrar.Available == 0; i++)
            {
                await Task.Yield();
            }

            if (registrar.Available > 0)
            {
                return s;
            }
        }

        return double.NaN;
    }

    private static async Task WaitForCountAsync(List<SipRegistrationState> states, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (states)
            {
                if (states.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(10, cts.Token);
        }
    }

    [Fact]
    public async Task Register_Granted100Seconds_RefreshesAt80Percent()
    {
        using var registrar = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)registrar.Client.LocalEndPoint!).Port;
        var time = new FakeTimeProvider();
        var registered = new TaskCompletionSource<SipRegistrationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ua = new SipUserAgent(new SipUserAgentOptions
        {
            User = "1001",
            Password = "pw",
            Domain = $"127.0.0.1:{port}",
            ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
        }, time);
        ua.RegistrationChanged += s => registered.TrySetResult(s);
        await ua.StartAsync();

        var first = await ReceiveRegisterAsync(registrar, TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(600), first.Expires);
        await ReplyAsync(registrar, first, 200, "Expires: 100");
        var state = await registered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(state.IsRegistered);
        Assert.Equal(TimeSpan.FromSeconds(100), state.Expires);

        var seconds = await SecondsUntilNextRegisterAsync(time, registrar, 120);
        Assert.InRange(seconds, 80, 82);
        var refresh = await ReceiveRegisterAsync(registrar, TimeSpan.FromSeconds(10));
        Assert.Equal(first.CallId, refresh.CallId);
        Assert.True(refresh.CSeq.Sequence > first.CSeq.Sequence);
    }

    [Fact]
    public async Task Register_Forbidden_BacksOffThirtyThenSixtySeconds()
    {
        using var registrar = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)registrar.Client.LocalEndPoint!).Port;
        var time = new FakeTimeProvider();
        var states = new List<SipRegistrationState>();
        await using var ua = new SipUserAgent(new SipUserAgentOptions
        {
            User = "1001",
            Password = "pw",
            Domain = $"127.0.0.1:{port}",
            ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
        }, time);
        ua.RegistrationChanged += s =>
        {
            lock (states)
            {
                states.Add(s);
            }
        };
        await ua.StartAsync();

        await ReplyAsync(registrar, await ReceiveRegisterAsync(registrar, TimeSpan.FromSeconds(10)), 403);
        await WaitForCountAsync(states, 1);
        Assert.InRange(await SecondsUntilNextRegisterAsync(time, registrar, 40), 30, 32);
        await ReplyAsync(registrar, await ReceiveRegisterAsync(registrar, TimeSpan.FromSeconds(10)), 403);
        await WaitForCountAsync(states, 2);
        Assert.InRange(await SecondsUntilNextRegisterAsync(time, registrar, 70), 60, 62);
        lock (states)
        {
            Assert.All(states, s => Assert.False(s.IsRegistered));
            Assert.Equal("403 Forbidden", states[0].Reason);
        }
    }
}

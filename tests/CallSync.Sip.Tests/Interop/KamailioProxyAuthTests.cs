using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Kamailio;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;

namespace CallSync.Sip.Tests.Interop;

/// <summary>
/// Kamailio as an outbound proxy that challenges every INVITE with 407 Proxy Authentication Required and relays
/// authenticated ones, Record-Routed, to a sipp uas (Interop/kamailio-proxy-auth.cfg, Interop/uas-record-route.xml): the INVITE retry with Proxy-Authorization.
/// </summary>
[Trait("Category", "Interop")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KamailioProxyAuthTests : IDisposable
{
    private readonly TempDirectory _dir = new("callsync-kamailio-auth-");
    private readonly KamailioProcess _kamailio;
    private readonly int _port;
    private readonly int _uasPort;

    public KamailioProxyAuthTests()
    {
        _port = FreePort.Udp();
        _uasPort = FreePort.Udp();
        _kamailio = KamailioProcess.StartFromTemplate(
            Path.Combine(AppContext.BaseDirectory, "Interop", "kamailio-proxy-auth.cfg"),
            new Dictionary<string, int> { ["@PORT@"] = _port, ["@UAS_PORT@"] = _uasPort });
    }

    public void Dispose()
    {
        _kamailio.Dispose();
        _dir.Dispose();
    }

    private SipUserAgentOptions Options(string password) => new()
    {
        User = "1001",
        Password = password,
        Domain = $"127.0.0.1:{_port}",
        Register = false,
        ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
    };

    private static async Task WaitForAnswerOrEndAsync(SipUserAgent ua, SipCall call)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.OnChange(c =>
        {
            if (ReferenceEquals(c, call) && c.State is SipCallState.Answered or SipCallState.Ended)
            {
                done.TrySetResult();
            }
        });
        if (call.State is SipCallState.Answered or SipCallState.Ended)
        {
            done.TrySetResult();
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Invite_ProxyChallenges407RightPassword_CallConnectsAndHangsUpThroughProxy()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Interop", "uas-record-route.xml"), _dir.File("uas.xml"));
        using var sipp = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = _dir.Path,
            ScenarioFile = "uas.xml",
            Port = _uasPort,
            Arguments = ["-timeout", "40s", "-timeout_error"],
        });
        var media = new TestMediaFactory();
        await using var ua = media.Attach(new SipUserAgent(Options("secret1001")));
        await ua.StartAsync();

        // kamailio may still be starting: the INVITE is retransmitted (Timer A) until it answers.
        var call = media.PlaceCall(ua, "1002");
        await WaitForAnswerOrEndAsync(ua, call);
        Assert.True(call.State == SipCallState.Answered, $"{call.Outcome?.StatusCode} {call.Outcome?.Reason}\n{_kamailio.Output}");
        var route = Assert.Single(call.Routes); // ACK and BYE go back through the proxy
        Assert.Contains($"127.0.0.1:{_port}", route, StringComparison.Ordinal);
        Assert.Contains(";lr", route, StringComparison.Ordinal);

        await call.HangUpAsync();
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(SipCallParty.Local, outcome.EndedBy);
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Describe()}");
        Assert.Contains("challenging INVITE from 1001", _kamailio.Output, StringComparison.Ordinal);
        Assert.Contains("authenticated INVITE from 1001", _kamailio.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_ProxyChallenges407WrongPassword_CallFailsWith407AndClearReason()
    {
        var media = new TestMediaFactory();
        await using var ua = media.Attach(new SipUserAgent(Options("not-the-password")));
        await ua.StartAsync();

        var call = media.PlaceCall(ua, "1002");
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(SipCallResult.Failed, outcome.Result);
        Assert.Equal(407, outcome.StatusCode);
        Assert.Equal("407 wrong user name or password", outcome.Reason);
        Assert.Null(outcome.AnsweredAt);
        Assert.DoesNotContain("authenticated INVITE from 1001", _kamailio.Output, StringComparison.Ordinal);
    }
}

using System.Globalization;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.Interop;

/// <summary>
/// Kamailio as an outbound proxy that challenges every INVITE with 407 Proxy Authentication Required and relays
/// authenticated ones, Record-Routed, to a sipp uas (Interop/kamailio-proxy-auth.cfg, Interop/uas-record-route.xml): the INVITE retry with Proxy-Authorization.
/// </summary>
[Trait("Category", "Interop")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KamailioProxyAuthTests : IDisposable
{
    private readonly string _dir;
    private readonly PeerProcess _kamailio;
    private readonly int _port;
    private readonly int _uasPort;

    public KamailioProxyAuthTests()
    {
        Assert.True(PeerProcess.IsInstalled("kamailio"), "kamailio is required");
        _dir = Directory.CreateTempSubdirectory("callsync-kamailio-auth-").FullName;
        File.SetUnixFileMode(_dir, (UnixFileMode)0x1FF); // kamailio drops to uid 65534 and writes its pid file here
        _port = PeerProcess.FreeUdpPort();
        _uasPort = PeerProcess.FreeUdpPort();
        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "kamailio-proxy-auth.cfg"))
            .Replace("@PORT@", _port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@UAS_PORT@", _uasPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var path = Path.Combine(_dir, "kamailio.cfg");
        File.WriteAllText(path, config);
        File.SetUnixFileMode(path, (UnixFileMode)0x1A4);
        _kamailio = new PeerProcess("kamailio", $"-f {path} -DD -E -P {_dir}/kamailio.pid -Y {_dir} -u 65534 -g 65534", _dir);
    }

    public void Dispose()
    {
        _kamailio.Dispose();
        Directory.Delete(_dir, recursive: true);
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
        Assert.True(PeerProcess.IsInstalled("sipp"), "sipp (Debian sip-tester) is required");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Interop", "uas-record-route.xml"), Path.Combine(_dir, "uas.xml"));
        using var sipp = new PeerProcess("sipp",
            $"-sf uas.xml -i 127.0.0.1 -p {_uasPort} -mp {PeerProcess.FreeUdpPort()} -m 1 -nostdin -timeout 40s -timeout_error", _dir);
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
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Output}");
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

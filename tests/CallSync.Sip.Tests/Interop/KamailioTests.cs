using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.Interop;

/// <summary>Kamailio as registrar and Record-Routing proxy with digest authentication.</summary>
[Trait("Category", "Interop")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KamailioTests : IDisposable
{
    private readonly string _dir;
    private readonly PeerProcess _kamailio;
    private readonly int _port;

    public KamailioTests()
    {
        Assert.True(PeerProcess.IsInstalled("kamailio"), "kamailio is required");
        _dir = Directory.CreateTempSubdirectory("callsync-kamailio-").FullName;
        File.SetUnixFileMode(_dir, (UnixFileMode)0x1FF); // kamailio drops to uid 65534 and writes its pid file here
        _port = PeerProcess.FreeUdpPort();
        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "kamailio-registrar.cfg"))
            .Replace("@PORT@", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
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

    private SipUserAgentOptions Options(string user, string password) => new()
    {
        User = user,
        Password = password,
        Domain = $"127.0.0.1:{_port}",
        ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
    };

    private static async Task<SipRegistrationState> WaitForRegistrationAsync(SipUserAgent ua, Func<SipRegistrationState, bool> done)
    {
        var tcs = new TaskCompletionSource<SipRegistrationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.RegistrationChanged += s =>
        {
            if (done(s))
            {
                tcs.TrySetResult(s);
            }
        };
        await ua.StartAsync();
        return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private async Task<SipRegistrationState> RegisterWithRetriesAsync(SipUserAgent ua)
    {
        // kamailio needs a moment to open its socket; the UA's first REGISTER is retransmitted until it answers.
        return await WaitForRegistrationAsync(ua, s => s.StatusCode != 0);
    }

    [Fact]
    public async Task Register_RightPassword_RegistersAndUnregistersOnStop()
    {
        var states = new List<SipRegistrationState>();
        var ua = new SipUserAgent(Options("1001", "secret1001"));
        ua.RegistrationChanged += states.Add;
        var state = await RegisterWithRetriesAsync(ua);
        Assert.True(state.IsRegistered, state.Reason);
        Assert.Equal(200, state.StatusCode);
        Assert.StartsWith("registered for ", state.Reason, StringComparison.Ordinal);
        await ua.DisposeAsync();
        Assert.Equal("unregistered", states[^1].Reason);
        Assert.False(states[^1].IsRegistered);
    }

    [Fact]
    public async Task Register_WrongPassword_FailsWithClearReason()
    {
        await using var ua = new SipUserAgent(Options("1001", "not-the-password"));
        var state = await RegisterWithRetriesAsync(ua);
        Assert.False(state.IsRegistered);
        Assert.Equal(401, state.StatusCode);
        Assert.Equal("401 wrong user name or password", state.Reason);
    }

    [Fact]
    public async Task Call_ThroughRecordRoutingProxy_AnsweredAndHungUpViaRouteSet()
    {
        var media = new TestMediaFactory();
        await using var caller = media.Attach(new SipUserAgent(Options("1001", "secret1001")));
        await using var callee = new TestMediaFactory().Attach(new SipUserAgent(Options("1002", "secret1002")), autoAnswer: true);
        Assert.True((await RegisterWithRetriesAsync(callee)).IsRegistered);
        Assert.True((await RegisterWithRetriesAsync(caller)).IsRegistered);

        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.OnIncoming(c => incoming.TrySetResult(c));
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        caller.OnChange(c =>
        {
            if (c.State is SipCallState.Answered or SipCallState.Ended)
            {
                answered.TrySetResult();
            }
        });
        var call = media.PlaceCall(caller, "1002");
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(SipCallState.Answered, call.State);
        var calleeCall = await incoming.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("1001", calleeCall.RemoteNumber);
        var route = Assert.Single(call.Routes);
        Assert.Contains($"127.0.0.1:{_port}", route, StringComparison.Ordinal);
        Assert.Contains(";lr", route, StringComparison.Ordinal);

        await call.HangUpAsync();
        var calleeOutcome = await calleeCall.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Answered, calleeOutcome.Result);
        Assert.Equal(SipCallParty.Remote, calleeOutcome.EndedBy);
        var callerOutcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallParty.Local, callerOutcome.EndedBy);
        Assert.Equal(200, callerOutcome.StatusCode);
    }
}

using System.Globalization;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.Interop;

/// <summary>
/// Session timers against sipp: a scripted uas (Interop/session-timer-uas.xml) answers with a 4 s session the caller
/// refreshes, expects the refresh re-INVITE (checking its Session-Expires and Supported), answers it, then hangs up.
/// The interval is far below the RFC 4028 floor of 90 s so the test takes seconds; only our side allows it.
/// </summary>
[Trait("Category", "Interop")]
public sealed class SippSessionTimerTests : IDisposable
{
    private const int SessionSeconds = 4;
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-sipp-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SippUas_ShortSessionWeRefresh_RefreshReInviteReachesSippAndIsAnswered()
    {
        Assert.True(PeerProcess.IsInstalled("sipp"), "sipp (Debian sip-tester) is required");
        var scenario = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "session-timer-uas.xml"))
            .Replace("@SE@", SessionSeconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@REFRESH_TIMEOUT@", (SessionSeconds * 1000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir, "session-timer-uas.xml"), scenario);
        var sippPort = PeerProcess.FreeUdpPort();
        var mediaPort = PeerProcess.FreeUdpPort();
        using var sipp = new PeerProcess("sipp",
            $"-sf session-timer-uas.xml -i 127.0.0.1 -p {sippPort} -mp {mediaPort} -m 1 -nostdin -timeout 20s -timeout_error -trace_err",
            _dir);

        var media = new TestMediaFactory();
        await using var ua = media.Attach(new SipUserAgent(new SipUserAgentOptions
        {
            User = "1001",
            ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
            SessionExpires = TimeSpan.FromSeconds(SessionSeconds),
            MinSessionExpires = TimeSpan.FromSeconds(2),
        }));
        await ua.StartAsync();

        // sipp may still be binding: the INVITE is retransmitted (Timer A) until it answers.
        var call = media.PlaceCall(ua, $"sip:service@127.0.0.1:{sippPort}");
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Output}\n{ReadErrors()}");

        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(SipCallParty.Remote, outcome.EndedBy);
        Assert.Equal(TimeSpan.FromSeconds(SessionSeconds), call.SessionInterval);
        Assert.True(call.IsSessionRefresher);
        // sipp hangs up only after it answered the refresh, which we send at half the interval.
        var talk = outcome.EndedAt - outcome.AnsweredAt!.Value;
        Assert.InRange(talk.TotalSeconds, SessionSeconds / 2.0 - 0.2, SessionSeconds * 3);
    }

    private string ReadErrors() =>
        string.Join('\n', Directory.GetFiles(_dir, "*_errors.log").Select(File.ReadAllText));
}

using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Kamailio;
using CallSync.Testing.Peers.Linphone;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;

namespace CallSync.Testing.Tests.Peers;

/// <summary>The linphone harness against linphone itself and against sipp.</summary>
[Trait("Category", "Interop")]
public sealed class LinphoneTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _directory = new("callsync-linphone-test-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Call_LinphoneToLinphoneOverUdpWithTone_ConnectsAndBothLogRtpReceived()
    {
        using var alice = await LinphoneDaemon.StartAsync(new LinphoneOptions { User = "alice", Codecs = ["PCMU"] });
        using var bob = await LinphoneDaemon.StartAsync(new LinphoneOptions { User = "bob", Codecs = ["PCMU"] });

        var call = await alice.CallAsync(bob.Address(LinphoneTransport.Udp));
        await alice.WaitForCallStateAsync(call, LinphoneCallStatus.StreamsRunning, Patience);
        var incoming = await bob.WaitForIncomingCallAsync(Patience);
        var status = await bob.WaitForCallStateAsync(incoming, LinphoneCallStatus.StreamsRunning, Patience);
        Assert.Equal("in", status.Direction);
        Assert.Contains("sip:alice@127.0.0.1", status.From, StringComparison.Ordinal);

        await alice.PlayAsync(Tone(), call);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await alice.TerminateAsync(call);
        await bob.WaitForCallStateAsync(incoming, LinphoneCallStatus.Released, Patience);

        // PCMU at 20 ms: about 50 packets a second each way.
        var received = bob.ReadRtpStatistics().Single();
        Assert.True(received.ReceivedPackets >= 100, $"{received}\n{bob.Describe()}");
        Assert.True(alice.ReadRtpStatistics().Single().SentPackets >= 100, alice.Describe());
    }

    [Fact]
    public async Task Call_OverTcpWithG722_HoldResumeAndSipInfoDigitReachTheOtherSide()
    {
        using var alice = await LinphoneDaemon.StartAsync(new LinphoneOptions { User = "alice", Codecs = ["G722"], Dtmf = LinphoneDtmf.SipInfo });
        using var bob = await LinphoneDaemon.StartAsync(new LinphoneOptions { User = "bob", Codecs = ["G722"] });

        var call = await alice.CallAsync(bob.Address(LinphoneTransport.Tcp));
        await alice.WaitForCallStateAsync(call, LinphoneCallStatus.StreamsRunning, Patience);
        var incoming = await bob.WaitForIncomingCallAsync(Patience);
        await bob.WaitForCallStateAsync(incoming, LinphoneCallStatus.StreamsRunning, Patience);
        Assert.Contains("RTP/AVP 9", bob.ReadLog(), StringComparison.Ordinal);
        Assert.Contains(";transport=tcp", bob.ReadLog(), StringComparison.OrdinalIgnoreCase);

        await alice.PauseAsync(call);
        await alice.WaitForCallStateAsync(call, LinphoneCallStatus.Paused, Patience); // resuming while still "pausing" is refused
        await bob.WaitForCallStateAsync(incoming, LinphoneCallStatus.PausedByRemote, Patience);
        await alice.ResumeAsync(call);
        await bob.WaitForCallStateAsync(incoming, LinphoneCallStatus.StreamsRunning, Patience);

        await alice.SendDtmfAsync('5');
        await Waiting.Eventually.UntilAsync(
            () => bob.ReadLog().Contains("Signal=5", StringComparison.Ordinal), Patience, () => "the INFO with Signal=5 at bob\n" + bob.Describe());
        await alice.TerminateAsync(call);
    }

    [Fact]
    public async Task Call_SippUacToLinphone_AnsweredWithRtpBothWays()
    {
        using var linphone = await LinphoneDaemon.StartAsync(new LinphoneOptions { User = "bob", Codecs = ["PCMU"] });

        using var sipp = SippProcess.Start(new SippOptions
        {
            WorkingDirectory = _directory.Path,
            Scenario = "uac",
            Target = $"127.0.0.1:{linphone.SipPort}",
            Arguments = ["-s", "bob", "-d", "4000", "-rtp_echo", "-timeout", "30"],
        });

        // linphone sends RTP only while something plays: without a sound card that is the in-call player.
        var call = await linphone.WaitForIncomingCallAsync(Patience);
        await linphone.WaitForCallStateAsync(call, LinphoneCallStatus.StreamsRunning, Patience);
        await linphone.PlayAsync(Tone(), call);

        Assert.True(sipp.WaitForExit(TimeSpan.FromSeconds(60)) == 0, sipp.Describe() + "\n" + linphone.Describe());
        await Waiting.Eventually.UntilAsync(() => linphone.ReadRtpStatistics().Count == 1, Patience, () => "linphone's end-of-call statistics\n" + linphone.Describe());
        var statistics = linphone.ReadRtpStatistics().Single();
        Assert.True(statistics.SentPackets >= 100, statistics + "\n" + linphone.Describe());
        Assert.True(statistics.ReceivedPackets >= 100, statistics + " (sipp echoes what linphone sends)\n" + linphone.Describe());
    }

    [Fact]
    public async Task Answer_LinphoneNotAutoAnswering_RingsUntilAnswered()
    {
        using var alice = await LinphoneDaemon.StartAsync(new LinphoneOptions { User = "alice", Codecs = ["PCMA"] });
        using var bob = await LinphoneDaemon.StartAsync(new LinphoneOptions { User = "bob", Codecs = ["PCMA"], AutoAnswer = false });

        var call = await alice.CallAsync(bob.Address(LinphoneTransport.Udp));
        var incoming = await bob.WaitForIncomingCallAsync(Patience);
        await bob.WaitForCallStateAsync(incoming, LinphoneCallStatus.IncomingReceived, Patience);
        Assert.NotEqual(LinphoneCallStatus.StreamsRunning, (await alice.CallStatusAsync(call)).State);

        await bob.AnswerAsync(incoming);

        await alice.WaitForCallStateAsync(call, LinphoneCallStatus.StreamsRunning, Patience);
        await bob.TerminateAsync(incoming);
        await alice.WaitForCallStateAsync(call, LinphoneCallStatus.Released, Patience);
    }

    [Fact]
    public async Task Register_KamailioRegistrar_RegisteredThenUnregistered()
    {
        var port = FreePort.Udp();
        using var kamailio = KamailioProcess.StartFromTemplate(
            Path.Combine(AppContext.BaseDirectory, "Peers", "kamailio-registrar.cfg"), new Dictionary<string, int> { ["@PORT@"] = port });
        using var linphone = await LinphoneDaemon.StartAsync(new LinphoneOptions { User = "1001" });

        var registration = await linphone.RegisterAsync($"sip:127.0.0.1:{port}", "secret1001");
        string? state = null;
        await Waiting.Eventually.UntilAsync(
            async () => (state = await linphone.RegistrationStateAsync(registration)) == "LinphoneRegistrationOk",
            Patience,
            () => $"linphone's registration ({state})\n{linphone.Describe()}\n--- kamailio ---\n{kamailio.Process.Describe()}");

        await linphone.UnregisterAllAsync();
        Assert.Null(await linphone.RegistrationStateAsync(registration));
    }

    /// <summary>linphone-daemon crashes when its player reaches the end of the file: a minute of tone outlasts any call here.</summary>
    private string Tone()
    {
        var path = _directory.File("tone.wav");
        if (!File.Exists(path))
        {
            WavFile.Write(path, 8000, Signals.Tone(1000, 8000, TimeSpan.FromMinutes(1)));
        }

        return path;
    }
}
